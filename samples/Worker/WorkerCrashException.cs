namespace RecoveryCluster.Worker;

public sealed class WorkerCrashException(string message) : Exception(message)
{
    public WorkerCrashException() : this("Worker crashed.")
    {
    }
}
