namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>The storage behind the silo: its provider, and how the history writer keeps up.</summary>
public sealed record StorageStatus(
    string Provider, bool Durable, bool Reachable, double HistoryWriterLagSeconds, int HistoryPendingRecords = 0, string? LastError = null);
