namespace RecoveryCluster.Errors;

/// <summary>
/// The cluster has no record of the error a call names: it was never reported, or a cluster without durable storage
/// restarted since its plan was issued. A worker that ran that plan keeps its result; the outcome cannot be recorded.
/// </summary>
[GenerateSerializer, Alias("rc.error-not-reported")]
public sealed class ErrorNotReportedException : InvalidOperationException
{
    public ErrorNotReportedException()
    {
    }

    public ErrorNotReportedException(string message) : base(message)
    {
    }

    public ErrorNotReportedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
