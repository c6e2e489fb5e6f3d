using System.Globalization;
using RecoveryCluster.Grains.History;

namespace RecoveryCluster.Persistence;

/// <summary>Totals of one (type, strategy, level) group, as the metrics query returns them.</summary>
internal sealed record MetricsRow(
    string ErrorType, string StrategyId, short Level, long Executions, long Successes, long Resolved, double TotalSeconds, double TotalImpact)
{
    public static RecoveryMetrics ToMetrics(IReadOnlyList<MetricsRow> rows) => new(
        Group(rows),
        rows.GroupBy(r => r.StrategyId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Group([.. g]), StringComparer.Ordinal),
        rows.GroupBy(r => r.ErrorType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Group([.. g]), StringComparer.Ordinal),
        Enumerable.Range(1, 5).ToDictionary(
            level => level.ToString(CultureInfo.InvariantCulture),
            level => new LevelMetrics(
                rows.Where(r => r.Level == level).Sum(r => r.Executions),
                rows.Where(r => r.Level == level).Sum(r => r.Resolved)),
            StringComparer.Ordinal));

    private static MetricGroup Group(IReadOnlyCollection<MetricsRow> rows)
    {
        var executions = rows.Sum(r => r.Executions);
        if (executions == 0)
        {
            return new MetricGroup(0, 0, 0, 0, 0);
        }

        var successes = rows.Sum(r => r.Successes);
        return new MetricGroup(
            executions, successes, (double)successes / executions, rows.Sum(r => r.TotalSeconds) / executions, rows.Sum(r => r.TotalImpact) / executions);
    }
}
