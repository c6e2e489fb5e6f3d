namespace RecoveryCluster.Worker.Faults;

/// <summary>The failures the injector can plant (after the reference design's failure injector).</summary>
public enum FailureKind
{
    ConnectionFailure,
    ResourceExhaustion,
    GpuError,
    ApiError,
    Timeout,
    Crash,
}
