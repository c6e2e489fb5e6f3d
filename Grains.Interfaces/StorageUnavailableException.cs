namespace RecoveryCluster;

/// <summary>
/// The cluster could not read or write its storage (the database is out of reach or refused the statement). Nothing
/// was acknowledged; the same call may be retried once the storage is back. Silos turn every storage failure into this
/// type at the grain boundary, so workers and the HTTP API recognise it without knowing the provider.
/// </summary>
[GenerateSerializer, Alias("rc.storage-unavailable")]
public class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
