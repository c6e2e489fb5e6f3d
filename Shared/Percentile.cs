namespace RecoveryCluster;

/// <summary>Nearest-rank percentiles, the one definition the silo's metrics, the demo worker and the benchmarks share.</summary>
public static class Percentile
{
    /// <summary>
    /// The smallest value of the ascending <paramref name="sorted"/> with at least <paramref name="percent"/> % of the
    /// values at or below it; 0 for an empty sample.
    /// </summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
