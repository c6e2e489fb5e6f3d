using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>The aggregates of <c>GET /api/recovery/metrics</c>, computed from history records.</summary>
public sealed record RecoveryMetrics(
    MetricGroup Overall,
    IReadOnlyDictionary<string, MetricGroup> Strategies,
    IReadOnlyDictionary<string, MetricGroup> ErrorTypes,
    IReadOnlyDictionary<string, LevelMetrics> Levels)
{
    /// <summary>Time to resolution, regression rate, level progression, resource usage and task recovery (null until computed).</summary>
    public SecondaryMetrics? Secondary { get; init; }

    public static RecoveryMetrics Compute(IReadOnlyCollection<RecoveryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new RecoveryMetrics(
            MetricGroup.Of(records),
            records.GroupBy(r => r.StrategyId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => MetricGroup.Of([.. g]), StringComparer.Ordinal),
            records.GroupBy(r => r.ErrorType.ToName(), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => MetricGroup.Of([.. g]), StringComparer.Ordinal),
            Enumerable.Range(1, 5).ToDictionary(
                level => level.ToString(System.Globalization.CultureInfo.InvariantCulture),
                level => new LevelMetrics(records.Count(r => (int)r.Level == level), records.Count(r => (int)r.Level == level && r.ResolvedError)),
                StringComparer.Ordinal));
    }
}
