namespace RecoveryCluster.Errors;

/// <summary>The answer to a report: the error it aggregated into and the plan to run.</summary>
/// <param name="Held">
/// The error is held as escalated (a person has it): <see cref="Status"/> is <see cref="ErrorStatus.Escalated"/> and
/// <see cref="Plan"/>, if any, is a level-1 attempt outside the episode. Its outcome is recorded and can end the hold,
/// but it never escalates anything and never leads to a next plan.
/// </param>
[GenerateSerializer, Immutable, Alias("rc.report-result")]
public sealed record ReportResult(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] string OccurrenceId,
    [property: Id(2)] long AggregatedCount,
    [property: Id(3)] ErrorStatus Status,
    [property: Id(4)] RecoveryPlan? Plan,
    [property: Id(5)] bool IsRegression,
    [property: Id(6)] bool Held = false);
