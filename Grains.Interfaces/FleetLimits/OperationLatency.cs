namespace RecoveryCluster.FleetLimits;

/// <summary>A worker's recent latency of one operation at the hedging percentile, over <see cref="Calls"/> calls.</summary>
[GenerateSerializer, Immutable, Alias("rc.operation-latency")]
public sealed record OperationLatency(
    [property: Id(0)] string Operation,
    [property: Id(1)] long Calls,
    [property: Id(2)] TimeSpan Quantile);
