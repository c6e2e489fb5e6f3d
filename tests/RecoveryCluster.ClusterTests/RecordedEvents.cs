using System.Collections.Concurrent;
using RecoveryCluster.Errors;
using RecoveryCluster.Events;
using RecoveryCluster.Grains.Events;

namespace RecoveryCluster.ClusterTests;

/// <summary>
/// Sees every event on the silo where it happened, as the escalation webhook does (one instance shared by both silos),
/// so a test can count what the webhook would have posted.
/// </summary>
public sealed class RecordedEvents : IRecoveryEventSink
{
    private readonly ConcurrentQueue<RecoveryEvent> _events = new();

    public void Offer(RecoveryEvent e) => _events.Enqueue(e);

    /// <summary>The events of one error, in the order they were published.</summary>
    public IReadOnlyList<RecoveryEvent> Of(string errorId, RecoveryEventKind kind) =>
        _events.Where(e => e.Kind == kind && string.Equals(e.ErrorId, errorId, StringComparison.Ordinal)).ToArray();

    /// <summary>The escalation records the webhook would have posted for one error.</summary>
    public IReadOnlyList<EscalationRecord> EscalationsOf(string errorId) =>
        Of(errorId, RecoveryEventKind.Escalated).Select(e => e.Escalation).OfType<EscalationRecord>().ToArray();
}
