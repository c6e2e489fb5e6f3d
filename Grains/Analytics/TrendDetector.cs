using System.Globalization;
using RecoveryCluster.Analytics;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// Finds a strategy whose success rate fell or rose, or whose execution time grew or shrank: the executions of the
/// recent window (time buckets that began within it) against all earlier buckets kept. A change in success must be
/// both large (<see cref="TrendOptions.MinSuccessDrop"/>) and beyond sampling noise (a two-proportion z-test); a change
/// in time must pass a ratio (<see cref="TrendOptions.SlowdownRatio"/>, or its inverse for a speed-up) and an
/// absolute floor. The same thresholds hold both ways, so a recovery from a decline is reported as clearly as the decline.
/// </summary>
public static class TrendDetector
{
    public static IReadOnlyList<TrendFinding> Detect(
        string errorType, string strategyId, IReadOnlyList<TimeBucketStats> buckets, DateTimeOffset now, TrendOptions options)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(options);
        var windowStart = now - options.RecentWindow;
        var recent = Sum(buckets.Where(b => b.Start >= windowStart && b.Start <= now));
        var baseline = Sum(buckets.Where(b => b.Start < windowStart));
        if (recent.Executions < options.MinSamples || baseline.Executions < options.MinSamples)
        {
            return [];
        }

        var findings = new List<TrendFinding>(2);
        var name = string.Concat(errorType, "/", strategyId);
        var window = Describe(options.RecentWindow);
        var baseRate = (double)baseline.Successes / baseline.Executions;
        var recentRate = (double)recent.Successes / recent.Executions;
        var z = DropZ(baseline, recent);
        var successChanged = Math.Abs(baseRate - recentRate) >= options.MinSuccessDrop && Math.Abs(z) >= options.SuccessDropZ;
        if (successChanged)
        {
            findings.Add(new TrendFinding(errorType, strategyId, AnomalyMetrics.SuccessRate, baseRate, recentRate, baseline.Executions, recent.Executions,
                string.Create(CultureInfo.InvariantCulture,
                    $"{name}: success {baseRate * 100:0} % → {recentRate * 100:0} % in {window}, {recent.Executions} samples (against {baseline.Executions} before)"),
                z > 0 ? TrendDirection.Worse : TrendDirection.Better));
        }

        var baseTime = baseline.Seconds / baseline.Executions;
        var recentTime = recent.Seconds / recent.Executions;
        var slower = recentTime >= baseTime * options.SlowdownRatio && recentTime - baseTime >= options.MinSlowdownSeconds;
        var faster = recentTime * options.SlowdownRatio <= baseTime && baseTime - recentTime >= options.MinSlowdownSeconds;
        if (slower || faster)
        {
            findings.Add(new TrendFinding(errorType, strategyId, AnomalyMetrics.ExecutionTime, baseTime, recentTime, baseline.Executions, recent.Executions,
                string.Create(CultureInfo.InvariantCulture,
                    $"{name}: execution time {baseTime:0.0##} s → {recentTime:0.0##} s in {window}, {recent.Executions} samples (against {baseline.Executions} before)"),
                slower ? TrendDirection.Worse : TrendDirection.Better));
        }

        return findings;
    }

    /// <summary>The fall in success rate in standard errors of the pooled proportion (negative for a rise).</summary>
    private static double DropZ((long Executions, long Successes, double Seconds) baseline, (long Executions, long Successes, double Seconds) recent)
    {
        var pooled = (double)(baseline.Successes + recent.Successes) / (baseline.Executions + recent.Executions);
        var error = Math.Sqrt(pooled * (1 - pooled) * (1.0 / baseline.Executions + 1.0 / recent.Executions));
        var drop = (double)baseline.Successes / baseline.Executions - (double)recent.Successes / recent.Executions;
        return error == 0 ? (drop > 0 ? double.PositiveInfinity : drop < 0 ? double.NegativeInfinity : 0) : drop / error;
    }

    private static (long Executions, long Successes, double Seconds) Sum(IEnumerable<TimeBucketStats> buckets)
    {
        long executions = 0, successes = 0;
        double seconds = 0;
        foreach (var b in buckets)
        {
            executions += b.Executions;
            successes += b.Successes;
            seconds += b.TotalSeconds;
        }

        return (executions, successes, seconds);
    }

    internal static string Describe(TimeSpan window) => window switch
    {
        _ when window == TimeSpan.FromHours(1) => "the last hour",
        _ when window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours) => $"the last {window.TotalHours:0} hours",
        _ when window == TimeSpan.FromMinutes(1) => "the last minute",
        _ when window.TotalMinutes >= 1 && window.TotalMinutes == Math.Floor(window.TotalMinutes) => $"the last {window.TotalMinutes:0} minutes",
        _ => $"the last {window.TotalSeconds:0} seconds",
    };
}
