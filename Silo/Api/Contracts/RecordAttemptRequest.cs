using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>
/// Body of <c>POST /api/errors/{errorId}/attempts</c>. <c>attempt</c> defaults to the pending plan's; <c>outcomeId</c>
/// (a UUID the caller picks) makes a retried POST count once.
/// </summary>
public sealed record RecordAttemptRequest(
    string? StrategyId, bool? Success, double? ExecutionTimeSeconds, int? AffectedTasks, int? RecoveredTasks,
    ResourceUsagePair? ResourceUsage, double? StabilityScore, string? HardwareId, int? Attempt, bool? TimedOut, Guid? OutcomeId = null)
{
    public (RecoveryOutcome? Outcome, Dictionary<string, string[]> Errors) ToOutcome()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiValidation.Key(StrategyId, "strategyId", errors);
        if (Success is null)
        {
            errors["success"] = ["'success' is required."];
        }

        if (ExecutionTimeSeconds is not { } seconds || !double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.FromDays(1).TotalSeconds)
        {
            errors["executionTimeSeconds"] = ["'executionTimeSeconds' must be a number of seconds between 0 and 86400."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var outcome = new RecoveryOutcome(
            StrategyId!, Success!.Value, TimeSpan.FromSeconds(ExecutionTimeSeconds!.Value), AffectedTasks ?? 0, RecoveredTasks ?? 0,
            ResourceUsage?.Before, ResourceUsage?.After, StabilityScore, HardwareId, TimedOut ?? false, OutcomeId);
        return (outcome, errors);
    }
}
