using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// Replaces the counted parts of a statistics snapshot (totals, recent window, trend, per-hardware counts) with what
/// the durable history holds. The adaptive timeout and late stability samples stay as last written: they are
/// heuristics a few seconds of which may be lost, not records.
/// </summary>
public static class StrategyStatsRebuild
{
    private const string OtherHardware = "other";

    public static void Apply(StrategyStatsState state, StrategyHistory history, StrategyStatsOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        state.TotalExecutions = history.TotalExecutions;
        state.TotalSuccesses = history.TotalSuccesses;
        state.Window = [.. history.Window.TakeLast(options.WindowSize)];
        state.Trend = Rebucket(history.HourlyTrend, options);
        state.ByHardware = Hardware(history.ByHardware, options.HardwareKept);
        state.LastUpdated = history.Window.Count > 0 ? history.Window[^1].At : state.LastUpdated;
        if (history.TotalExecutions == 0)
        {
            state.Timeout = null;
        }
    }

    /// <summary>Hourly rows into the configured bucket size (buckets shorter than an hour become an hour).</summary>
    private static List<TimeBucketStats> Rebucket(IReadOnlyList<TimeBucketStats> hourly, StrategyStatsOptions options)
    {
        var ticks = Math.Max(options.TrendBucket.Ticks, TimeSpan.TicksPerHour);
        return [.. hourly
            .GroupBy(b => b.Start.UtcTicks - b.Start.UtcTicks % ticks)
            .Select(g => new TimeBucketStats(new DateTimeOffset(g.Key, TimeSpan.Zero), g.Sum(b => b.Executions), g.Sum(b => b.Successes), g.Sum(b => b.TotalSeconds)))
            .OrderBy(b => b.Start)
            .TakeLast(options.TrendBucketsKept)];
    }

    /// <summary>The busiest machines by name; the rest share one "other" counter, as the live grain does.</summary>
    private static Dictionary<string, HardwareCounter> Hardware(IReadOnlyList<HardwareStats> rows, int kept)
    {
        var byHardware = new Dictionary<string, HardwareCounter>(StringComparer.Ordinal);
        foreach (var row in rows.OrderByDescending(r => r.Executions).ThenBy(r => r.HardwareId, StringComparer.Ordinal))
        {
            var name = byHardware.Count < kept || byHardware.ContainsKey(row.HardwareId) ? row.HardwareId : OtherHardware;
            if (!byHardware.TryGetValue(name, out var counter))
            {
                counter = new HardwareCounter();
                byHardware[name] = counter;
            }

            counter.Executions += row.Executions;
            counter.Successes += row.Successes;
        }

        return byHardware;
    }
}
