using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>The chosen strategy, every candidate ranked best first, and why.</summary>
public sealed record StrategySelection(
    StrategyDescriptor Chosen,
    StrategyStatsSnapshot ChosenStats,
    IReadOnlyList<StrategyCandidate> Ranked,
    string Reason);
