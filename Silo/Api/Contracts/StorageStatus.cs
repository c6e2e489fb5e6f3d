namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record StorageStatus(string Provider, bool Durable, bool Reachable, double HistoryWriterLagSeconds);
