namespace RecoveryCluster.Benchmarks.Hedging;

/// <summary>One arm of the hedging benchmark: its call times and how many copies the operation ran.</summary>
public sealed record HedgingArm(string Name, int Calls, double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Attempts, double? LearnedDelayMs);
