using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>What <see cref="ClusterRecoveryStrategyOptions{TResult}.ShouldHandle"/> decides on: one outcome of the call.</summary>
public readonly record struct RecoveryPredicateArguments<TResult>(ResilienceContext Context, Outcome<TResult> Outcome);
