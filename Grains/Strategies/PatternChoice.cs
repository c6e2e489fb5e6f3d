using System.Globalization;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// Level 1 with a matched error pattern: the pattern's strategy is planned while it keeps working, that is while its
/// recent window for the error's type holds fewer than the minimum samples (too few to judge it) or succeeded in at
/// least <see cref="PatternPreference.MinSuccessRate"/> of them. Below that the learned choice plans; the preference
/// returns once the window's rate is back at the threshold. A strategy for other error types, or one the call cannot
/// run (no fallback, say), is passed over. The catalog's levels do not bind it: the pattern names its level-1 strategy.
/// </summary>
public static class PatternChoice
{
    /// <summary>True while the strategy counts as working by its recent window (see the class summary).</summary>
    public static bool KeepsWorking(StrategyStatsSnapshot stats, int minSamples, double minSuccessRate)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return stats.WindowSamples < Math.Max(minSamples, 1) || stats.SuccessRate >= minSuccessRate;
    }

    /// <summary>The pattern's strategy as the selection, or null with why it was passed over.</summary>
    public static StrategySelection? Pick(
        PatternPreference preference, int minSamples, IReadOnlyList<StrategyCandidate> ranked, out string passedOver)
    {
        ArgumentNullException.ThrowIfNull(preference);
        ArgumentNullException.ThrowIfNull(ranked);
        var (pattern, strategy, stats) = (preference.PatternId, preference.Strategy, preference.Stats);
        passedOver = string.Empty;
        if (!strategy.Handles(preference.Type))
        {
            passedOver = $"pattern '{pattern}' prefers '{strategy.Id}', which does not handle {preference.Type.ToName()} errors";
            return null;
        }

        if (!strategy.RunsWith(preference.Features))
        {
            passedOver = $"pattern '{pattern}' prefers '{strategy.Id}', which needs {strategy.Requires} that the call did not bring";
            return null;
        }

        if (!KeepsWorking(stats, minSamples, preference.MinSuccessRate))
        {
            passedOver = string.Create(CultureInfo.InvariantCulture,
                $"pattern '{pattern}' prefers '{strategy.Id}', but it succeeded in {stats.SuccessRate:0%} of its last {stats.WindowSamples} runs, below {preference.MinSuccessRate:0%}");
            return null;
        }

        var reason = stats.WindowSamples < Math.Max(minSamples, 1)
            ? string.Create(CultureInfo.InvariantCulture,
                $"pattern '{pattern}' prefers '{strategy.Id}' ({stats.WindowSamples} of the {minSamples} samples needed to judge it)")
            : string.Create(CultureInfo.InvariantCulture,
                $"pattern '{pattern}' prefers '{strategy.Id}', which succeeded in {stats.SuccessRate:0%} of its last {stats.WindowSamples} runs (at least {preference.MinSuccessRate:0%})");
        var listed = ranked.Any(c => c.StrategyId == strategy.Id)
            ? ranked
            : [new StrategyCandidate(strategy.Id, stats.Score, stats.WindowSamples), .. ranked];
        return new StrategySelection(strategy, stats, listed, reason);
    }
}
