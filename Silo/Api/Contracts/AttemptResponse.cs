namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record AttemptResponse(string Status, int? Level, PlanResponse? NextPlan, double ImpactScore);
