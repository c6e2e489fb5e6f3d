using RecoveryCluster.Errors;

namespace RecoveryCluster.Strategies;

/// <summary>
/// One recorded run of a strategy for an error type, as the statistics grain keeps it. <see cref="RecordId"/> is the
/// id of its history row, so a run delivered twice (a retry, or a replay after a restart) is counted once.
/// </summary>
[GenerateSerializer, Immutable, Alias("rc.strategy-execution")]
public sealed record StrategyExecution(
    [property: Id(0)] bool Success,
    [property: Id(1)] TimeSpan ExecutionTime,
    [property: Id(2)] int AffectedTasks,
    [property: Id(3)] int RecoveredTasks,
    [property: Id(4)] double ImpactScore,
    [property: Id(5)] double? StabilityScore,
    [property: Id(6)] string? HardwareId,
    [property: Id(7)] bool TimedOut,
    [property: Id(8)] RecoveryLevel Level,
    [property: Id(9)] DateTimeOffset At,
    [property: Id(10)] Guid? RecordId = null,
    [property: Id(11)] TimeSpan? RanUnder = null);
