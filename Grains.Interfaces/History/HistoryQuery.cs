namespace RecoveryCluster.History;

/// <summary>Filters for the recovery history; null means any.</summary>
[GenerateSerializer, Immutable, Alias("rc.history-query")]
public sealed record HistoryQuery(
    [property: Id(0)] string? StrategyId = null,
    [property: Id(1)] DateTimeOffset? Since = null,
    [property: Id(2)] int Limit = 100);
