using System.Globalization;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// Picks a strategy among the candidates for (error type, level): while any candidate has fewer than the minimum
/// samples, the first such candidate in catalog order is explored; otherwise the best score wins, ties going to
/// catalog order.
/// </summary>
public static class StrategySelector
{
    /// <param name="candidates">Candidates in catalog order with their current statistics.</param>
    public static StrategySelection Select(IReadOnlyList<(StrategyDescriptor Strategy, StrategyStatsSnapshot Stats)> candidates, int minSamples)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There is no strategy to choose from.", nameof(candidates));
        }

        var ranked = candidates
            .Select((c, order) => (c.Strategy, c.Stats, Order: order))
            .OrderByDescending(c => c.Stats.Score)
            .ThenBy(c => c.Order)
            .ToArray();
        var rankedCandidates = ranked
            .Select(c => new StrategyCandidate(c.Strategy.Id, c.Stats.Score, c.Stats.WindowSamples))
            .ToArray();

        for (var i = 0; i < candidates.Count; i++)
        {
            var (strategy, stats) = candidates[i];
            if (stats.WindowSamples < minSamples)
            {
                var reason = string.Create(CultureInfo.InvariantCulture,
                    $"exploring: '{strategy.Id}' has {stats.WindowSamples} of the {minSamples} samples needed to rank it (catalog order)");
                return new StrategySelection(strategy, stats, rankedCandidates, reason);
            }
        }

        var best = ranked[0];
        var why = ranked.Length == 1
            ? string.Create(CultureInfo.InvariantCulture, $"only candidate: '{best.Strategy.Id}' scores {best.Stats.Score:0.000} over {best.Stats.WindowSamples} samples")
            : string.Create(CultureInfo.InvariantCulture,
                $"best score: '{best.Strategy.Id}' {best.Stats.Score:0.000} over {best.Stats.WindowSamples} samples; next '{ranked[1].Strategy.Id}' {ranked[1].Stats.Score:0.000}");
        return new StrategySelection(best.Strategy, best.Stats, rankedCandidates, why);
    }
}
