using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Errors;

/// <summary>The next step for a worker: which strategy to run, at which level, under which timeout, and why.</summary>
/// <param name="Attempt">1-based attempt number within the error's current episode; the outcome must name it.</param>
/// <param name="Alternatives">Every candidate for (error type, level), best first.</param>
/// <param name="Reason">Why this strategy was chosen, in plain words.</param>
[GenerateSerializer, Immutable, Alias("rc.recovery-plan")]
public sealed record RecoveryPlan(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] RecoveryLevel Level,
    [property: Id(3)] string StrategyId,
    [property: Id(4)] TimeSpan Timeout,
    [property: Id(5)] CircuitState CircuitState,
    [property: Id(6)] IReadOnlyList<StrategyCandidate> Alternatives,
    [property: Id(7)] string Reason);
