namespace RecoveryCluster.Retention;

/// <summary>What retention has removed since its activation, and its last pass (for <c>/api/diagnostics</c>).</summary>
[GenerateSerializer, Immutable, Alias("rc.retention-status")]
public sealed record RetentionStatus(
    [property: Id(0)] TimeSpan ErrorAge,
    [property: Id(1)] TimeSpan? HistoryAge,
    [property: Id(2)] TimeSpan Interval,
    [property: Id(3)] long ErrorsRemoved,
    [property: Id(4)] long HistoryRowsRemoved,
    [property: Id(5)] RetentionRun? LastRun,
    [property: Id(6)] string? LastError);
