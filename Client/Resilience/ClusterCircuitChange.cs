using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Client.Resilience;

/// <summary>A transition of a component's cluster-wide breaker, as this worker heard it.</summary>
public sealed record ClusterCircuitChange(string Component, CircuitState State, CircuitSnapshot Circuit);
