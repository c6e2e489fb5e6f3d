namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record ReportErrorResponse(string ErrorId, string OccurrenceId, long AggregatedCount, string Status, bool IsRegression, PlanResponse? Plan);
