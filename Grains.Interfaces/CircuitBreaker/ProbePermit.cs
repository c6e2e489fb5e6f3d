namespace RecoveryCluster.CircuitBreaker;

/// <summary>The answer to a half-open probe request: whether this caller may run one call, and the breaker's state.</summary>
[GenerateSerializer, Immutable, Alias("rc.probe-permit")]
public sealed record ProbePermit(
    [property: Id(0)] bool Granted,
    [property: Id(1)] CircuitSnapshot Circuit);
