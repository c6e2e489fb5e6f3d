namespace RecoveryCluster.FleetLimits;

/// <summary>
/// A worker's share of a component's fleet limits until <see cref="ExpiresAt"/>; the worker enforces it locally and renews
/// after <see cref="RenewAfter"/>. A null share means no limit of that kind.
/// </summary>
/// <param name="Concurrency">Calls this worker may have in flight at once.</param>
/// <param name="RatePerSecond">Calls per second this worker may start.</param>
/// <param name="Version">The policy's version, so a worker notices a change.</param>
/// <param name="Hedging">The component's hedging policy.</param>
/// <param name="HedgingDelays">The hedging delay per operation, learned from the fleet's latencies (or the fixed one).</param>
[GenerateSerializer, Immutable, Alias("rc.limit-lease")]
public sealed record LimitLease(
    [property: Id(0)] string Component,
    [property: Id(1)] int? Concurrency,
    [property: Id(2)] double? RatePerSecond,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] TimeSpan RenewAfter,
    [property: Id(5)] long Version,
    [property: Id(6)] RecoveryCluster.Policies.HedgingPolicy? Hedging = null,
    [property: Id(7)] IReadOnlyDictionary<string, TimeSpan>? HedgingDelays = null);
