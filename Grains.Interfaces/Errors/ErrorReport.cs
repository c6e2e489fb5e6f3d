namespace RecoveryCluster.Errors;

/// <summary>The cluster's view of one error (all repeats of one fingerprint).</summary>
/// <param name="AggregatedCount">How many occurrences were reported.</param>
/// <param name="RelatedErrors">Ids of the most recent occurrences, newest last.</param>
/// <param name="RetryCount">Recovery attempts recorded, all episodes.</param>
/// <param name="CurrentLevel">The level of the pending plan; null when no recovery is in progress.</param>
/// <param name="Regressions">How often the error came back within the regression window after being resolved.</param>
/// <param name="Episode">1-based count of recovery episodes (a recurrence after resolution starts a new one).</param>
[GenerateSerializer, Immutable, Alias("rc.error-report")]
public sealed record ErrorReport(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] ErrorType Type,
    [property: Id(2)] ErrorSeverity Severity,
    [property: Id(3)] string Message,
    [property: Id(4)] ErrorContext Context,
    [property: Id(5)] long AggregatedCount,
    [property: Id(6)] IReadOnlyList<string> RelatedErrors,
    [property: Id(7)] int RetryCount,
    [property: Id(8)] RecoveryLevel? CurrentLevel,
    [property: Id(9)] ErrorStatus Status,
    [property: Id(10)] DateTimeOffset FirstSeen,
    [property: Id(11)] DateTimeOffset LastSeen,
    [property: Id(12)] IReadOnlyList<LevelHistoryEntry> LevelHistory,
    [property: Id(13)] int Regressions,
    [property: Id(14)] int Episode,
    [property: Id(15)] RecoveryPlan? PendingPlan,
    [property: Id(16)] DateTimeOffset? ResolvedAt);
