namespace RecoveryCluster.Errors;

/// <summary>The answer to an outcome: the error's new status and level, and the next plan when recovery goes on.</summary>
/// <param name="EscalatedNow">
/// This outcome escalated the error to a person (level 5 failed). True for exactly one outcome per episode, so the
/// worker that sent it is the one that raises the escalation; other outcomes that find the error
/// <see cref="ErrorStatus.Escalated"/> see false.
/// </param>
[GenerateSerializer, Immutable, Alias("rc.outcome-result")]
public sealed record OutcomeResult(
    [property: Id(0)] ErrorStatus Status,
    [property: Id(1)] RecoveryLevel? Level,
    [property: Id(2)] RecoveryPlan? NextPlan,
    [property: Id(3)] double ImpactScore,
    [property: Id(4)] bool EscalatedNow = false);
