namespace RecoveryCluster.Persistence;

/// <summary>How a <see cref="GroupCommitWriter{TItem}"/> batches.</summary>
/// <param name="Lanes">Batches committing at once.</param>
internal sealed record GroupCommitOptions(int MaxBatch, int QueueCapacity, int WriteAttempts, int Lanes = 1);
