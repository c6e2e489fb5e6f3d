namespace RecoveryCluster.CircuitBreaker;

/// <summary>The state of a component's cluster-wide circuit breaker (the names Polly uses).</summary>
[GenerateSerializer, Alias("rc.circuit-state")]
public enum CircuitState
{
    /// <summary>Calls flow.</summary>
    Closed = 0,
    /// <summary>Calls fail fast until the recovery timeout has passed.</summary>
    Open = 1,
    /// <summary>A limited number of probe calls may run; their results close or reopen the circuit.</summary>
    HalfOpen = 2,
    /// <summary>Held open by an operator until reset.</summary>
    Isolated = 3,
}
