namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>The ways of running the same workload that the recovery benchmark compares.</summary>
public enum RecoveryArm
{
    /// <summary>RecoveryCluster as shipped: the fleet breaker, progressive recovery, held calls at an open circuit.</summary>
    Cluster,

    /// <summary>The same with the cluster breaker unable to open (each worker's local breaker stays).</summary>
    ClusterNoBreaker,

    /// <summary>No cluster: each worker runs its calls through Polly v8 with the standard pipeline's strategies and defaults.</summary>
    PollyStandard,

    /// <summary>No cluster: each worker retries as the standard pipeline does, with nothing else.</summary>
    RetryOnly,
}
