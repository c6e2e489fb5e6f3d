namespace RecoveryCluster.Benchmarks.FleetLimit;

/// <summary>One measured phase: the limit, what the component saw, and the ratio the ±5 % target is judged on.</summary>
/// <param name="Kind"><c>concurrency</c> (ratio: mean calls in flight / limit) or <c>rate</c> (ratio: calls per second / limit).</param>
public sealed record FleetLimitPhase(
    string Kind, double Limit, int Workers, int CallersPerWorker, double MeanInFlight, int PeakInFlight, double CallsPerSecond,
    double Ratio, long Admitted, long Refused)
{
    public bool WithinFivePercent => Ratio is >= 0.95 and <= 1.05;
}
