using System.Globalization;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// Picks a strategy among the candidates for (error type, level): while any candidate has fewer than the minimum
/// samples, the first such candidate in catalog order is explored; otherwise the highest upper bound wins, ties going
/// to catalog order. The upper bound is score + w·√(ln N / n) (UCB1: N samples of all candidates, n of this one), so a
/// candidate tried long ago keeps a chance to show that things changed; w = 0 is plain best score. A matched error
/// pattern's strategy comes before all of this while it keeps working (<see cref="PatternChoice"/>).
/// </summary>
public static class StrategySelector
{
    /// <param name="candidates">Candidates in catalog order with their current statistics.</param>
    /// <param name="explorationWeight">w of the upper bound; 0 picks the best score.</param>
    /// <param name="hardwareId">The failing machine: once every candidate has enough samples there, its own record decides (<see cref="HardwareChoice"/>).</param>
    /// <param name="preference">Level 1's matched error pattern and its strategy; null elsewhere.</param>
    public static StrategySelection Select(
        IReadOnlyList<(StrategyDescriptor Strategy, StrategyStatsSnapshot Stats)> candidates, int minSamples, double explorationWeight = 0,
        string? hardwareId = null, PatternPreference? preference = null)
    {
        var learned = Learned(candidates, minSamples, explorationWeight, hardwareId);
        if (preference is null)
        {
            return learned;
        }

        return PatternChoice.Pick(preference, minSamples, learned.Ranked, out var passedOver)
            ?? learned with { Reason = $"{passedOver}; learned choice, {learned.Reason}" };
    }

    private static StrategySelection Learned(
        IReadOnlyList<(StrategyDescriptor Strategy, StrategyStatsSnapshot Stats)> candidates, int minSamples, double explorationWeight, string? hardwareId)
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

        if (HardwareChoice.Pick(candidates, hardwareId, minSamples, rankedCandidates) is { } onMachine)
        {
            return onMachine;
        }

        var best = ranked[0];
        var total = candidates.Sum(c => c.Stats.WindowSamples);
        double Bound((StrategyDescriptor Strategy, StrategyStatsSnapshot Stats, int Order) c) =>
            c.Stats.Score + explorationWeight * Math.Sqrt(Math.Log(Math.Max(total, 1)) / Math.Max(c.Stats.WindowSamples, 1));
        var optimistic = ranked.OrderByDescending(Bound).ThenBy(c => c.Order).First();
        if (explorationWeight > 0 && optimistic.Strategy.Id != best.Strategy.Id)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"re-checking: '{optimistic.Strategy.Id}' scores {optimistic.Stats.Score:0.000} on only {optimistic.Stats.WindowSamples} samples, within reach of the best '{best.Strategy.Id}' {best.Stats.Score:0.000} over {best.Stats.WindowSamples}");
            return new StrategySelection(optimistic.Strategy, optimistic.Stats, rankedCandidates, reason);
        }

        var why = ranked.Length == 1
            ? string.Create(CultureInfo.InvariantCulture, $"only candidate: '{best.Strategy.Id}' scores {best.Stats.Score:0.000} over {best.Stats.WindowSamples} samples")
            : string.Create(CultureInfo.InvariantCulture,
                $"best score: '{best.Strategy.Id}' {best.Stats.Score:0.000} over {best.Stats.WindowSamples} samples; next '{ranked[1].Strategy.Id}' {ranked[1].Stats.Score:0.000}");
        return new StrategySelection(best.Strategy, best.Stats, rankedCandidates, why);
    }
}
