namespace RecoveryCluster.Errors;

/// <summary>What happened when a worker ran the planned strategy.</summary>
/// <param name="StrategyId">Must be the strategy of the plan the outcome answers.</param>
/// <param name="Success">Whether the operation works again.</param>
/// <param name="ExecutionTime">How long the strategy ran.</param>
/// <param name="AffectedTasks">Tasks the failure affected.</param>
/// <param name="RecoveredTasks">Tasks the strategy recovered; never more than <paramref name="AffectedTasks"/>.</param>
/// <param name="Before">Resources before the attempt, if measured.</param>
/// <param name="After">Resources after the attempt, if measured.</param>
/// <param name="StabilityScore">0..1 share of the component's operations that succeeded after the recovery, when known.</param>
/// <param name="HardwareId">The machine the strategy ran on.</param>
/// <param name="TimedOut">The strategy hit the plan's timeout.</param>
/// <param name="OutcomeId">
/// The worker's id for this outcome. A call repeated with the same id (after a timeout, say) is recorded once and
/// answered again; without one, every call is a new outcome.
/// </param>
[GenerateSerializer, Immutable, Alias("rc.recovery-outcome")]
public sealed record RecoveryOutcome(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] bool Success,
    [property: Id(2)] TimeSpan ExecutionTime,
    [property: Id(3)] int AffectedTasks = 0,
    [property: Id(4)] int RecoveredTasks = 0,
    [property: Id(5)] ResourceUsage? Before = null,
    [property: Id(6)] ResourceUsage? After = null,
    [property: Id(7)] double? StabilityScore = null,
    [property: Id(8)] string? HardwareId = null,
    [property: Id(9)] bool TimedOut = false,
    [property: Id(10)] Guid? OutcomeId = null);
