using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>The last failure a worker reported to a breaker, for the consecutive-same-type rule.</summary>
[GenerateSerializer, Alias("rc.worker-failure")]
public sealed class WorkerFailure
{
    [Id(0)] public ErrorType Type { get; set; }
    [Id(1)] public DateTimeOffset At { get; set; }
}
