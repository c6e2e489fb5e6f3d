namespace RecoveryCluster.Errors;

/// <summary>One error as the index lists it; <see cref="Revision"/> orders the summaries of one error.</summary>
[GenerateSerializer, Immutable, Alias("rc.error-summary")]
public sealed record ErrorSummary(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] ErrorType Type,
    [property: Id(2)] ErrorSeverity Severity,
    [property: Id(3)] string Component,
    [property: Id(4)] string Operation,
    [property: Id(5)] string Message,
    [property: Id(6)] ErrorStatus Status,
    [property: Id(7)] RecoveryLevel? CurrentLevel,
    [property: Id(8)] long AggregatedCount,
    [property: Id(9)] DateTimeOffset FirstSeen,
    [property: Id(10)] DateTimeOffset LastSeen,
    [property: Id(11)] int Regressions,
    [property: Id(12)] long Revision = 0);
