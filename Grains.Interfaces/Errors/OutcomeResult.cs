namespace RecoveryCluster.Errors;

/// <summary>The answer to an outcome: the error's new status and level, and the next plan when recovery goes on.</summary>
[GenerateSerializer, Immutable, Alias("rc.outcome-result")]
public sealed record OutcomeResult(
    [property: Id(0)] ErrorStatus Status,
    [property: Id(1)] RecoveryLevel? Level,
    [property: Id(2)] RecoveryPlan? NextPlan,
    [property: Id(3)] double ImpactScore);
