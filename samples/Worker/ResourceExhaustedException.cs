namespace RecoveryCluster.Worker;

public sealed class ResourceExhaustedException(string message) : Exception(message)
{
    public ResourceExhaustedException() : this("Resource exhausted.")
    {
    }
}
