using RecoveryCluster.Errors;

namespace RecoveryCluster.History;

/// <summary>
/// One recorded recovery attempt: a row of <c>recovery_performance</c>, identified by <see cref="RecordId"/>.
/// <see cref="Attempt"/> 0 marks a worker's local attempt while the cluster was out of reach (no plan was issued).
/// </summary>
[GenerateSerializer, Immutable, Alias("rc.recovery-record")]
public sealed record RecoveryRecord(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] ErrorType ErrorType,
    [property: Id(2)] string StrategyId,
    [property: Id(3)] RecoveryLevel Level,
    [property: Id(4)] int Attempt,
    [property: Id(5)] bool Success,
    [property: Id(6)] TimeSpan ExecutionTime,
    [property: Id(7)] int AffectedTasks,
    [property: Id(8)] int RecoveredTasks,
    [property: Id(9)] ResourceUsage? Before,
    [property: Id(10)] ResourceUsage? After,
    [property: Id(11)] double ImpactScore,
    [property: Id(12)] double? StabilityScore,
    [property: Id(13)] string? HardwareId,
    [property: Id(14)] string? WorkerId,
    [property: Id(15)] string Component,
    [property: Id(16)] DateTimeOffset Timestamp,
    [property: Id(17)] bool ResolvedError,
    [property: Id(18)] Guid? RecordId = null,
    [property: Id(19)] bool TimedOut = false);
