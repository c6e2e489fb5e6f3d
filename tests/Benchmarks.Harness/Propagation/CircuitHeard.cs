using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>A state change a client process reported, with the wall-clock time (UTC ticks) at which it heard it.</summary>
public sealed record CircuitHeard(CircuitState State, long HeardAtUtcTicks);
