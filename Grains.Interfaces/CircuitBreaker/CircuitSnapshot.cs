namespace RecoveryCluster.CircuitBreaker;

/// <summary>A breaker's state as pushed to subscribers. <see cref="Version"/> grows with every transition, so a client keeps the newest.</summary>
/// <param name="RetryAfter">When an open circuit moves to half-open.</param>
/// <param name="CountedFailures">Failures counted toward opening (consecutive mode) or in the sampling window (ratio mode).</param>
/// <param name="DistinctReporters">Distinct workers behind the counted failures.</param>
/// <param name="ProbesInFlight">Half-open probe permits currently held.</param>
/// <param name="ProbeSuccesses">Probe successes in a row since half-open.</param>
[GenerateSerializer, Immutable, Alias("rc.circuit-snapshot")]
public sealed record CircuitSnapshot(
    [property: Id(0)] string Component,
    [property: Id(1)] CircuitState State,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset? OpenedAt,
    [property: Id(4)] DateTimeOffset? RetryAfter,
    [property: Id(5)] int CountedFailures,
    [property: Id(6)] int DistinctReporters,
    [property: Id(7)] int ProbesInFlight,
    [property: Id(8)] int ProbeSuccesses,
    [property: Id(9)] string? LastFailure,
    [property: Id(10)] DateTimeOffset? LastTransitionAt);
