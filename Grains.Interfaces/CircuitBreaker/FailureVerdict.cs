namespace RecoveryCluster.CircuitBreaker;

/// <summary>What a breaker made of a failure: whether it counted, the state it found and the state it left.</summary>
[GenerateSerializer, Immutable, Alias("rc.failure-verdict")]
public sealed record FailureVerdict(
    [property: Id(0)] bool Counted,
    [property: Id(1)] CircuitState StateBefore,
    [property: Id(2)] CircuitSnapshot Circuit);
