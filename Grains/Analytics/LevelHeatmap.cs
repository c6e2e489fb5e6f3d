using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>The error type × level heatmap: a cell for every pair with attempts, ordered by type name then level.</summary>
public static class LevelHeatmap
{
    public static IReadOnlyList<HeatmapCell> Compute(IReadOnlyCollection<RecoveryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return [.. records
            .GroupBy(r => (Type: r.ErrorType.ToName(), Level: (int)r.Level))
            .OrderBy(g => g.Key.Type, StringComparer.Ordinal).ThenBy(g => g.Key.Level)
            .Select(g => new HeatmapCell(
                g.Key.Type, g.Key.Level, g.LongCount(), g.Select(r => r.ErrorId).Distinct(StringComparer.Ordinal).LongCount(),
                g.LongCount(r => r.Success), g.Average(r => r.ImpactScore)))];
    }
}
