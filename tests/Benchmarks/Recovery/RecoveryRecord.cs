namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// One recovery (a failed call the client recovered or gave up on), with the fault its component had when the call
/// started. <paramref name="Kind"/> and <paramref name="Intensity"/> are "none" when no planted fault was active.
/// </summary>
public sealed record RecoveryRecord(string Kind, string Intensity, double ElapsedMs, bool Resolved, bool Escalated, int Level, int Attempts);
