using RecoveryCluster.History;

namespace RecoveryCluster.Persistence;

/// <summary>A record waiting for its batch: completes when the batch commits, fails when it cannot.</summary>
internal sealed class PendingRecord(RecoveryRecord record, long enqueuedAt)
{
    public RecoveryRecord Record { get; } = record;

    /// <summary>Timestamp (TimeProvider ticks) of the enqueue, for the writer's lag.</summary>
    public long EnqueuedAt { get; } = enqueuedAt;

    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
