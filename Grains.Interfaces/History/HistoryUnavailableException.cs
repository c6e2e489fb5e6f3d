namespace RecoveryCluster.History;

/// <summary>
/// The recovery history could not record an outcome (its database is unreachable or refused the write). Nothing was
/// acknowledged; the caller may retry the same call once the store is back.
/// </summary>
[GenerateSerializer, Alias("rc.history-unavailable")]
public sealed class HistoryUnavailableException : StorageUnavailableException
{
    public HistoryUnavailableException()
    {
    }

    public HistoryUnavailableException(string message) : base(message)
    {
    }

    public HistoryUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
