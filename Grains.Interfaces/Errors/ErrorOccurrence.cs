namespace RecoveryCluster.Errors;

/// <summary>One observed failure, as a worker reports it.</summary>
/// <param name="IsCrash">The process or component crashed; crashes always count against the breaker.</param>
/// <param name="PatternId">The id of the worker's error pattern that matched the message, if one did.</param>
/// <param name="PreferredStrategy">The recovery strategy that pattern names: the planner prefers it at level 1 while its
/// statistics show it working. It must be in the cluster's catalog, and it needs <paramref name="PatternId"/>.</param>
[GenerateSerializer, Immutable, Alias("rc.error-occurrence")]
public sealed record ErrorOccurrence(
    [property: Id(0)] ErrorType Type,
    [property: Id(1)] ErrorSeverity Severity,
    [property: Id(2)] string Message,
    [property: Id(3)] string? ExceptionType,
    [property: Id(4)] ErrorContext Context,
    [property: Id(5)] DateTimeOffset Timestamp,
    [property: Id(6)] bool IsCrash = false,
    [property: Id(7)] string? PatternId = null,
    [property: Id(8)] string? PreferredStrategy = null);
