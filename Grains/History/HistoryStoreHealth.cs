namespace RecoveryCluster.Grains.History;

/// <summary>The history store as diagnostics show it.</summary>
/// <param name="Reachable">The last write or probe succeeded.</param>
/// <param name="PendingRecords">Records waiting for their batch to commit.</param>
/// <param name="OldestPendingSeconds">Age of the oldest waiting record: the writer's lag.</param>
/// <param name="LastError">The last write failure, if the store is not reachable.</param>
public sealed record HistoryStoreHealth(bool Reachable, int PendingRecords, double OldestPendingSeconds, string? LastError);
