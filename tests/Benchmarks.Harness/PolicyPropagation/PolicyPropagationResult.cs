namespace RecoveryCluster.Benchmarks.PolicyPropagation;

/// <summary>Per trial, the time from the PUT being sent until the last worker heard the new version.</summary>
public sealed record PolicyPropagationResult(int Silos, int Workers, int Trials, IReadOnlyList<double> AllWorkersMs, double P50Ms, double P99Ms, double MaxMs);
