namespace RecoveryCluster.Benchmarks;

/// <summary>Nearest-rank percentiles of a sample.</summary>
public static class Percentile
{
    /// <summary>The nearest-rank <paramref name="p"/>th percentile of ascending <paramref name="sorted"/>; 0 for an empty sample.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
