namespace RecoveryCluster.Client.Resilience;

/// <summary>The options of the cluster breaker in a pipeline without a result type (as Polly's non-generic options).</summary>
public class ClusterCircuitBreakerStrategyOptions : ClusterCircuitBreakerStrategyOptions<object>;
