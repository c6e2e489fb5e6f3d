namespace RecoveryCluster.Strategies;

/// <summary>The performance of one strategy for one error type: all-time counters, the recent window's score and the adaptive timeout.</summary>
/// <param name="WindowSamples">Executions in the recent window, which the score is computed from.</param>
/// <param name="Score">0..1; the weighted score of StrategyScore.</param>
/// <param name="Timeout">The adaptive timeout the next plan gets.</param>
[GenerateSerializer, Immutable, Alias("rc.strategy-stats")]
public sealed record StrategyStatsSnapshot(
    [property: Id(0)] string ErrorType,
    [property: Id(1)] string StrategyId,
    [property: Id(2)] long TotalExecutions,
    [property: Id(3)] long TotalSuccesses,
    [property: Id(4)] int WindowSamples,
    [property: Id(5)] double SuccessRate,
    [property: Id(6)] double AverageSuccessfulSeconds,
    [property: Id(7)] double AverageImpact,
    [property: Id(8)] double AverageStability,
    [property: Id(9)] double TaskRecoveryRate,
    [property: Id(10)] double Score,
    [property: Id(11)] TimeSpan Timeout,
    [property: Id(12)] IReadOnlyList<HardwareStats> ByHardware,
    [property: Id(13)] IReadOnlyList<TimeBucketStats> Trend,
    [property: Id(14)] DateTimeOffset? LastUpdated);
