using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// The recommendations for one machine, as <see cref="HardwareChoice"/> plans there: strategies with enough samples
/// on the machine first, by their success rate there; then the others, by their overall score. Ties keep the overall
/// order.
/// </summary>
public static class HardwareRanking
{
    public static IReadOnlyList<StrategyRecommendation> Rank(IReadOnlyList<StrategyRecommendation> overall, string hardwareId, int minSamples)
    {
        ArgumentNullException.ThrowIfNull(overall);
        ArgumentException.ThrowIfNullOrEmpty(hardwareId);
        return overall
            .Select(r => (Recommendation: r, Here: On(r, hardwareId)))
            .OrderByDescending(r => r.Here is { } here && here.Executions >= Math.Max(minSamples, 1))
            .ThenByDescending(r => r.Here is { Executions: > 0 } here ? (double)here.Successes / here.Executions : 0)
            .ThenBy(r => r.Recommendation.Rank)
            .Select((r, index) => r.Recommendation with { Rank = index + 1 })
            .ToArray();
    }

    /// <summary>The strategy's executions and successes on the machine, or null when it never ran there.</summary>
    public static HardwareStats? On(StrategyRecommendation recommendation, string hardwareId)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return recommendation.Stats.ByHardware.FirstOrDefault(h => string.Equals(h.HardwareId, hardwareId, StringComparison.Ordinal));
    }
}
