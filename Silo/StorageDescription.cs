namespace RecoveryCluster.Silo;

/// <summary>What backs the silo's state, for diagnostics.</summary>
public sealed record StorageDescription(string Provider, bool Durable);
