using RecoveryCluster.Analytics;
using RecoveryCluster.Audit;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Events;

/// <summary>
/// One change of state in the cluster. Every event of an error names its <see cref="ErrorId"/>, so a consumer can
/// follow it from report to resolution; fields that do not apply to a kind are null.
/// </summary>
/// <param name="EventId">Unique id (32 hex digits); the SSE <c>id:</c> line.</param>
/// <param name="Timestamp">When the change happened, by the recovery clock.</param>
/// <param name="Component">The component the error or breaker belongs to; empty for cluster-wide anomalies.</param>
/// <param name="DecisionMilliseconds">How long the error grain took to decide (report and attempt events).</param>
/// <param name="Escalation">The escalation record (escalated events).</param>
/// <param name="Anomaly">The anomaly (anomaly events).</param>
/// <param name="Audit">The audit entry (operator-action events): who did what, never with the key.</param>
/// <param name="Sequence">Order of arrival at the event hub, from 1; 0 until the hub has stamped it.</param>
[GenerateSerializer, Immutable, Alias("rc.recovery-event")]
public sealed record RecoveryEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] RecoveryEventKind Kind,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] string Component,
    [property: Id(4)] string? ErrorId = null,
    [property: Id(5)] ErrorType? ErrorType = null,
    [property: Id(6)] int? Attempt = null,
    [property: Id(7)] RecoveryLevel? Level = null,
    [property: Id(8)] string? StrategyId = null,
    [property: Id(9)] bool? Success = null,
    [property: Id(10)] ErrorStatus? Status = null,
    [property: Id(11)] TimeSpan? ExecutionTime = null,
    [property: Id(12)] CircuitState? CircuitState = null,
    [property: Id(13)] string? Message = null,
    [property: Id(14)] double? DecisionMilliseconds = null,
    [property: Id(15)] EscalationRecord? Escalation = null,
    [property: Id(16)] Anomaly? Anomaly = null,
    [property: Id(17)] long Sequence = 0,
    [property: Id(18)] AuditEntry? Audit = null)
{
    /// <summary>A fresh event id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
