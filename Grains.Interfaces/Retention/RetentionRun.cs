namespace RecoveryCluster.Retention;

/// <summary>One retention pass: errors forgotten, history rows deleted, and whether it stopped at its batch limit.</summary>
[GenerateSerializer, Immutable, Alias("rc.retention-run")]
public sealed record RetentionRun(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long ErrorsRemoved,
    [property: Id(2)] long HistoryRowsRemoved,
    [property: Id(3)] bool MoreLeft);
