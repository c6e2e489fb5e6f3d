namespace RecoveryCluster.Strategies;

/// <summary>A strategy ranked for an error type, with the levels it may be planned at.</summary>
[GenerateSerializer, Immutable, Alias("rc.strategy-recommendation")]
public sealed record StrategyRecommendation(
    [property: Id(0)] int Rank,
    [property: Id(1)] StrategyDescriptor Strategy,
    [property: Id(2)] StrategyStatsSnapshot Stats);
