using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>A recovery plan as the HTTP API shows it.</summary>
public sealed record PlanResponse(
    int Attempt, int Level, string StrategyId, double TimeoutSeconds, string CircuitState,
    IReadOnlyList<AlternativeResponse> Alternatives, string Reason)
{
    public static PlanResponse? From(RecoveryPlan? plan) => plan is null ? null : new PlanResponse(
        plan.Attempt, (int)plan.Level, plan.StrategyId, plan.Timeout.TotalSeconds, ApiNames.Of(plan.CircuitState),
        [.. plan.Alternatives.Select(a => new AlternativeResponse(a.StrategyId, a.Score, a.Samples))], plan.Reason);
}
