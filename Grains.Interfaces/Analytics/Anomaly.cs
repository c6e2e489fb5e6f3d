namespace RecoveryCluster.Analytics;

/// <summary>A recovery metric's value that lay more than the threshold's standard deviations from its recent mean.</summary>
/// <param name="Metric">Which series: <c>decision-latency</c>, <c>error-rate</c>, <c>success-rate</c> or <c>execution-time</c>.</param>
/// <param name="Subject">Whose series: a component (error rate), <c>{errorType}/{strategyId}</c> (strategy metrics), or empty.</param>
/// <param name="Value">The anomalous value (milliseconds, errors per minute, share 0..1, or seconds).</param>
/// <param name="Mean">The window's mean before this value.</param>
/// <param name="StandardDeviation">The window's standard deviation before this value.</param>
/// <param name="Severity">0..1: half at the threshold, 1 at twice the threshold or beyond.</param>
/// <param name="Samples">Values in the window the value was judged against.</param>
[GenerateSerializer, Immutable, Alias("rc.anomaly")]
public sealed record Anomaly(
    [property: Id(0)] string Metric,
    [property: Id(1)] string Subject,
    [property: Id(2)] double Value,
    [property: Id(3)] double Mean,
    [property: Id(4)] double StandardDeviation,
    [property: Id(5)] double Severity,
    [property: Id(6)] int Samples,
    [property: Id(7)] DateTimeOffset DetectedAt);
