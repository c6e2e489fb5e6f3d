namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// Recovery figures of a set of recoveries. Recovery time is over resolved recoveries (a failed call until the
/// strategy that recovered it returned); success is resolved recoveries over all that ended.
/// </summary>
public sealed record RecoveryFigures(int Recoveries, int Resolved, int Escalated, double SuccessRate,
    double AverageMs, double MedianMs, double MinMs, double MaxMs, double AverageAttempts)
{
    public static RecoveryFigures Of(IReadOnlyCollection<RecoveryRecord> records)
    {
        var times = records.Where(r => r.Resolved).Select(r => r.ElapsedMs).Order().ToArray();
        return new RecoveryFigures(
            records.Count, times.Length, records.Count(r => r.Escalated),
            records.Count == 0 ? 0 : (double)times.Length / records.Count,
            times.Length == 0 ? 0 : times.Average(), Percentile.Of(times, 50),
            times.Length == 0 ? 0 : times[0], times.Length == 0 ? 0 : times[^1],
            records.Count == 0 ? 0 : records.Average(r => r.Attempts));
    }
}
