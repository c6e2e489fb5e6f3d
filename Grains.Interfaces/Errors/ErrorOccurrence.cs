namespace RecoveryCluster.Errors;

/// <summary>One observed failure, as a worker reports it.</summary>
/// <param name="IsCrash">The process or component crashed; crashes always count against the breaker.</param>
[GenerateSerializer, Immutable, Alias("rc.error-occurrence")]
public sealed record ErrorOccurrence(
    [property: Id(0)] ErrorType Type,
    [property: Id(1)] ErrorSeverity Severity,
    [property: Id(2)] string Message,
    [property: Id(3)] string? ExceptionType,
    [property: Id(4)] ErrorContext Context,
    [property: Id(5)] DateTimeOffset Timestamp,
    [property: Id(6)] bool IsCrash = false);
