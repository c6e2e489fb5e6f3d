using System.Globalization;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// Recovery attempts bucketed by time (UTC-aligned buckets; only buckets with attempts are listed, oldest first), and
/// the time spent at each level over all of them.
/// </summary>
public sealed record RecoveryTimeSeries(IReadOnlyList<TimeSeriesPoint> Points, IReadOnlyDictionary<string, LevelTime> Levels)
{
    public static RecoveryTimeSeries Compute(IReadOnlyCollection<RecoveryRecord> records, TimeSpan bucket)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucket, TimeSpan.Zero);
        var points = records
            .GroupBy(r => BucketStart(r.Timestamp, bucket))
            .OrderBy(g => g.Key)
            .Select(g => PointOf(g.Key, [.. g]))
            .ToArray();
        var levels = records
            .GroupBy(r => LevelKey(r))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TimeAt([.. g]), StringComparer.Ordinal);
        return new RecoveryTimeSeries(points, levels);
    }

    /// <summary>The start of the bucket holding <paramref name="at"/>, counted in whole buckets from 0001-01-01 UTC.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset at, TimeSpan bucket)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - ticks % bucket.Ticks, TimeSpan.Zero);
    }

    private static string LevelKey(RecoveryRecord r) => ((int)r.Level).ToString(CultureInfo.InvariantCulture);

    private static TimeSeriesPoint PointOf(DateTimeOffset start, RecoveryRecord[] records)
    {
        var successes = records.LongCount(r => r.Success);
        var stable = records.Where(r => r.StabilityScore is not null).Select(r => r.StabilityScore!.Value).ToArray();
        var strategies = records.GroupBy(r => r.StrategyId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var ok = g.LongCount(r => r.Success);
                var n = g.LongCount();
                return new StrategyPoint(n, ok, (double)ok / n);
            }, StringComparer.Ordinal);
        var levelSeconds = records.GroupBy(LevelKey).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(r => r.ExecutionTime.TotalSeconds), StringComparer.Ordinal);
        return new TimeSeriesPoint(
            start, records.Length, successes, (double)successes / records.Length, records.Average(r => r.ImpactScore),
            stable.Length, stable.Length == 0 ? null : stable.Average(), strategies, levelSeconds);
    }

    private static LevelTime TimeAt(RecoveryRecord[] records)
    {
        var total = records.Sum(r => r.ExecutionTime.TotalSeconds);
        var errors = records.Select(r => r.ErrorId).Distinct(StringComparer.Ordinal).LongCount();
        return new LevelTime(records.Length, errors, total / records.Length, total / errors);
    }
}
