namespace RecoveryCluster.Errors;

/// <summary>A strategy the planner considered, with the score it had.</summary>
[GenerateSerializer, Immutable, Alias("rc.strategy-candidate")]
public sealed record StrategyCandidate(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] double Score,
    [property: Id(2)] long Samples);
