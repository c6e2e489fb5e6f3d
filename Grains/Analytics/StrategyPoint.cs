namespace RecoveryCluster.Grains.Analytics;

/// <summary>One strategy's attempts in one time bucket.</summary>
public sealed record StrategyPoint(long Executions, long Successes, double SuccessRate);
