namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>The ways of running the same workload that the recovery benchmark compares.</summary>
public enum RecoveryArm
{
    /// <summary>RecoveryCluster as shipped: the fleet breaker, progressive recovery, held calls at an open circuit.</summary>
    Cluster,

    /// <summary>The same with the cluster breaker unable to open (each worker's local breaker stays).</summary>
    ClusterNoBreaker,

    /// <summary>
    /// The worker library as shipped with the cluster out of reach for the whole run (its gateway port has no silo):
    /// each worker's local breaker gates and failures get the local level-1 recovery.
    /// </summary>
    ClusterDown,

    /// <summary>No cluster: each worker runs its calls through Polly v8 with the standard pipeline's strategies and defaults.</summary>
    PollyStandard,

    /// <summary>No cluster: each worker retries as the standard pipeline does, with nothing else.</summary>
    RetryOnly,
}
