using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;

namespace RecoveryCluster.Grains.Errors;

/// <summary>Checks an outcome against the plans the error issued; every message names the field.</summary>
public static class OutcomeValidator
{
    public static IssuedPlan Validate(int attempt, RecoveryOutcome outcome, IReadOnlyList<IssuedPlan> issuedPlans, StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ValidateFields(outcome, catalog);
        var issued = issuedPlans.FirstOrDefault(p => p.Attempt == attempt)
            ?? throw new ArgumentException($"'attempt' {attempt} is not a plan this error issued (or it is too old to accept).", "attempt");
        if (!string.Equals(issued.StrategyId, outcome.StrategyId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'strategyId' is '{outcome.StrategyId}' but attempt {attempt} was planned with '{issued.StrategyId}'.", "strategyId");
        }

        return issued;
    }

    /// <summary>The checks that need no plan: a known strategy, sane times, counts and measurements.</summary>
    public static void ValidateFields(RecoveryOutcome outcome, StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(catalog);
        Guard.Key(outcome.StrategyId, "strategyId");
        if (!catalog.TryGet(outcome.StrategyId, out _))
        {
            throw new ArgumentException($"'strategyId' '{outcome.StrategyId}' is not a strategy the catalog knows.", "strategyId");
        }

        Guard.Duration(outcome.ExecutionTime, "executionTime");
        ArgumentOutOfRangeException.ThrowIfNegative(outcome.AffectedTasks, "affectedTasks");
        ArgumentOutOfRangeException.ThrowIfNegative(outcome.RecoveredTasks, "recoveredTasks");
        if (outcome.RecoveredTasks > outcome.AffectedTasks)
        {
            throw new ArgumentException(
                $"'recoveredTasks' ({outcome.RecoveredTasks}) must not exceed 'affectedTasks' ({outcome.AffectedTasks}).", "recoveredTasks");
        }

        if (outcome.StabilityScore is { } stability)
        {
            Guard.Range(stability, 0, 1, "stabilityScore");
        }

        ValidateUsage(outcome.Before, "before");
        ValidateUsage(outcome.After, "after");
        Guard.OptionalKey(outcome.HardwareId, "hardwareId");
        if (outcome.OutcomeId == Guid.Empty)
        {
            throw new ArgumentException("'outcomeId' must not be the empty UUID; leave it out or pick a fresh one.", "outcomeId");
        }
    }

    private static void ValidateUsage(ResourceUsage? usage, string field)
    {
        if (usage is null)
        {
            return;
        }

        Guard.Range(usage.CpuPercent, 0, 100, $"{field}.cpuPercent");
        Guard.Range(usage.MemoryPercent, 0, 100, $"{field}.memoryPercent");
        Guard.NonNegative(usage.ProcessCpuPercent, $"{field}.processCpuPercent");
        Guard.NonNegative(usage.ProcessMemoryMb, $"{field}.processMemoryMb");
        ArgumentOutOfRangeException.ThrowIfNegative(usage.NetworkBytes, $"{field}.networkBytes");
    }
}
