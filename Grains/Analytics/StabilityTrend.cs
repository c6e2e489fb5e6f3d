using System.Globalization;
using RecoveryCluster.Analytics;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// Finds a strategy whose post-recovery stability fell or rose: the mean stability score of the attempts in the recent
/// window against those before it, from the history (the statistics grains keep no stability per time bucket). The
/// change must be large (<see cref="TrendOptions.MinStabilityChange"/>) and beyond sampling noise (a two-sample z-test
/// on the means, <see cref="TrendOptions.StabilityChangeZ"/>); attempts that measured no stability do not count.
/// </summary>
public static class StabilityTrend
{
    public static TrendFinding? Detect(string errorType, string strategyId, IEnumerable<RecoveryRecord> records, DateTimeOffset now, TrendOptions options)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var windowStart = now - options.RecentWindow;
        var recent = new List<double>();
        var baseline = new List<double>();
        foreach (var r in records)
        {
            if (r.StabilityScore is not { } score || r.Timestamp > now)
            {
                continue;
            }

            (r.Timestamp >= windowStart ? recent : baseline).Add(score);
        }

        if (recent.Count < options.MinSamples || baseline.Count < options.MinSamples)
        {
            return null;
        }

        var (baseMean, baseVariance) = MeanAndVariance(baseline);
        var (recentMean, recentVariance) = MeanAndVariance(recent);
        var change = recentMean - baseMean;
        var error = Math.Sqrt(baseVariance / baseline.Count + recentVariance / recent.Count);
        var z = error == 0 ? (change == 0 ? 0 : double.PositiveInfinity) : Math.Abs(change) / error;
        if (Math.Abs(change) < options.MinStabilityChange || z < options.StabilityChangeZ)
        {
            return null;
        }

        return new TrendFinding(errorType, strategyId, AnomalyMetrics.Stability, baseMean, recentMean, baseline.Count, recent.Count,
            string.Create(CultureInfo.InvariantCulture,
                $"{errorType}/{strategyId}: stability {baseMean:0.00} → {recentMean:0.00} in {TrendDetector.Describe(options.RecentWindow)}, {recent.Count} samples (against {baseline.Count} before)"),
            change < 0 ? TrendDirection.Worse : TrendDirection.Better);
    }

    /// <summary>The mean and the sample variance (n − 1).</summary>
    private static (double Mean, double Variance) MeanAndVariance(List<double> values)
    {
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return (mean, squares / (values.Count - 1));
    }
}
