namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// The attempts of one time bucket: success, mean impact, mean stability (null when no attempt measured it), the same
/// per strategy, and the mean execution time per level (keys <c>1</c>..<c>5</c>, levels without attempts left out).
/// </summary>
public sealed record TimeSeriesPoint(
    DateTimeOffset Start, long Executions, long Successes, double SuccessRate, double AverageImpact, long StabilitySamples, double? AverageStability,
    IReadOnlyDictionary<string, StrategyPoint> Strategies, IReadOnlyDictionary<string, double> LevelSeconds);
