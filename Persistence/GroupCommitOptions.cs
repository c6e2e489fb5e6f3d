namespace RecoveryCluster.Persistence;

/// <summary>How a <see cref="GroupCommitWriter{TItem}"/> batches.</summary>
internal sealed record GroupCommitOptions(int MaxBatch, int QueueCapacity, int WriteAttempts);
