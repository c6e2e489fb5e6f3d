namespace RecoveryCluster.Worker;

public sealed class GpuFaultException(string message) : Exception(message)
{
    public GpuFaultException() : this("GPU fault.")
    {
    }
}
