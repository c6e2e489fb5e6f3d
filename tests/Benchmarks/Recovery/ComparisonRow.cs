namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// One group (all, a failure kind, an intensity) with the breaker on and off. Improvements are relative to the run
/// without the breaker: time as the share saved, success as the relative gain (0.80 vs 0.64 is +25 %).
/// </summary>
public sealed record ComparisonRow(string Group, RecoveryFigures On, RecoveryFigures Off)
{
    public double AverageTimeImprovement => Saved(On.AverageMs, Off.AverageMs);

    public double MedianTimeImprovement => Saved(On.MedianMs, Off.MedianMs);

    public double MinTimeImprovement => Saved(On.MinMs, Off.MinMs);

    public double MaxTimeImprovement => Saved(On.MaxMs, Off.MaxMs);

    public double SuccessImprovement => Off.SuccessRate == 0 ? 0 : (On.SuccessRate - Off.SuccessRate) / Off.SuccessRate;

    private static double Saved(double on, double off) => off == 0 ? 0 : (off - on) / off;
}
