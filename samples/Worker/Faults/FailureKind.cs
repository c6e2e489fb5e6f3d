namespace RecoveryCluster.Worker.Faults;

/// <summary>The failures the injector can plant.</summary>
public enum FailureKind
{
    ConnectionFailure,
    ResourceExhaustion,
    GpuError,
    ApiError,
    Timeout,
    Crash,
}
