using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>What a worker's error pattern asks of level 1: its strategy, with that strategy's statistics for the error's type.</summary>
/// <param name="PatternId">The pattern that matched, for the plan's reason.</param>
/// <param name="Strategy">The pattern's strategy, from the catalog.</param>
/// <param name="Stats">The strategy's statistics for <paramref name="Type"/>.</param>
/// <param name="Type">The error's type.</param>
/// <param name="Features">What the failed call brought for its recovery (null: unknown).</param>
/// <param name="MinSuccessRate">The recent success rate below which the strategy no longer counts as working.</param>
public sealed record PatternPreference(
    string PatternId,
    StrategyDescriptor Strategy,
    StrategyStatsSnapshot Stats,
    ErrorType Type,
    CallFeatures? Features,
    double MinSuccessRate);
