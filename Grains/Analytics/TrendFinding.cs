namespace RecoveryCluster.Grains.Analytics;

/// <summary>A strategy getting worse or better: the metric's baseline and recent values, the sample counts and a plain-words summary.</summary>
/// <param name="Metric"><c>success-rate</c> (share 0..1), <c>execution-time</c> (mean seconds) or <c>stability</c> (mean stability score 0..1).</param>
public sealed record TrendFinding(
    string ErrorType, string StrategyId, string Metric, double Baseline, double Recent, long BaselineSamples, long RecentSamples, string Summary,
    TrendDirection Direction = TrendDirection.Worse);
