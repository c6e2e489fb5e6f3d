namespace RecoveryCluster.CircuitBreaker;

/// <summary>One item of a silo's batch to a breaker: a worker's failure, or (no failure) its probe success.</summary>
[GenerateSerializer, Immutable, Alias("rc.breaker-signal")]
public sealed record BreakerSignal(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] FailureSignal? Failure)
{
    public static BreakerSignal Of(FailureSignal failure) => new(failure.WorkerId, failure);

    public static BreakerSignal ProbeSuccess(string workerId) => new(workerId, null);
}
