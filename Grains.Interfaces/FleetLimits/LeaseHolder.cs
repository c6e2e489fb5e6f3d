namespace RecoveryCluster.FleetLimits;

/// <summary>One worker's current lease, as the limit grain reports it.</summary>
[GenerateSerializer, Immutable, Alias("rc.lease-holder")]
public sealed record LeaseHolder(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int? Concurrency,
    [property: Id(2)] double? RatePerSecond,
    [property: Id(3)] int ConcurrencyDemand,
    [property: Id(4)] double RateDemand,
    [property: Id(5)] DateTimeOffset ExpiresAt);
