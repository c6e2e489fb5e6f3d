namespace RecoveryCluster.Errors;

/// <summary>One recovery attempt of an error: the level, the strategy and how it ended.</summary>
[GenerateSerializer, Immutable, Alias("rc.level-history-entry")]
public sealed record LevelHistoryEntry(
    [property: Id(0)] int Episode,
    [property: Id(1)] int Attempt,
    [property: Id(2)] RecoveryLevel Level,
    [property: Id(3)] string StrategyId,
    [property: Id(4)] bool Success,
    [property: Id(5)] TimeSpan ExecutionTime,
    [property: Id(6)] double ImpactScore,
    [property: Id(7)] DateTimeOffset At);
