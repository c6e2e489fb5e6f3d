namespace RecoveryCluster.Errors;

/// <summary>The answer to a report: the error it aggregated into and the plan to run (null once escalated to a person).</summary>
[GenerateSerializer, Immutable, Alias("rc.report-result")]
public sealed record ReportResult(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] string OccurrenceId,
    [property: Id(2)] long AggregatedCount,
    [property: Id(3)] ErrorStatus Status,
    [property: Id(4)] RecoveryPlan? Plan,
    [property: Id(5)] bool IsRegression);
