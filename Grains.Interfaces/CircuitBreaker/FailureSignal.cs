using RecoveryCluster.Errors;

namespace RecoveryCluster.CircuitBreaker;

/// <summary>A failure offered to a breaker. Whether it counts follows the selective-recording rules.</summary>
[GenerateSerializer, Immutable, Alias("rc.failure-signal")]
public sealed record FailureSignal(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] ErrorType Type,
    [property: Id(2)] ErrorSeverity Severity,
    [property: Id(3)] string? Message = null,
    [property: Id(4)] bool IsCrash = false,
    [property: Id(5)] bool IsCriticalOperation = false);
