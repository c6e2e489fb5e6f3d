using System.Globalization;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// Hardware-aware choice (per-machine performance): when every candidate has at least the
/// minimum samples on the failing machine, the one that succeeds most often there wins, whatever its overall score,
/// since a repair that works on one kind of machine may not on another. Otherwise there is no choice to make here.
/// </summary>
public static class HardwareChoice
{
    public static StrategySelection? Pick(
        IReadOnlyList<(StrategyDescriptor Strategy, StrategyStatsSnapshot Stats)> candidates, string? hardwareId, int minSamples, IReadOnlyList<StrategyCandidate> ranked)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (hardwareId is null || candidates.Count < 2)
        {
            return null;
        }

        var onMachine = candidates
            .Select((c, order) => (c.Strategy, c.Stats, Order: order, Here: c.Stats.ByHardware.FirstOrDefault(h => h.HardwareId == hardwareId)))
            .ToArray();
        if (onMachine.Any(c => c.Here is null || c.Here.Executions < Math.Max(minSamples, 1)))
        {
            return null;
        }

        var ordered = onMachine.OrderByDescending(c => (double)c.Here!.Successes / c.Here.Executions).ThenBy(c => c.Order).ToArray();
        var best = ordered[0];
        var next = ordered[1];
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"on hardware '{hardwareId}': '{best.Strategy.Id}' succeeded {best.Here!.Successes} of {best.Here.Executions} there; next '{next.Strategy.Id}' {next.Here!.Successes} of {next.Here.Executions}");
        return new StrategySelection(best.Strategy, best.Stats, ranked, reason);
    }
}
