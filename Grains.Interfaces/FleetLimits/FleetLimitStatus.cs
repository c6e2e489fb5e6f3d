namespace RecoveryCluster.FleetLimits;

/// <summary>A component's fleet limits as configured and as in force, and who holds shares of them.</summary>
/// <param name="EffectiveConcurrency">The concurrency limit in force (the configured one times <see cref="Scale"/>).</param>
/// <param name="EffectiveRate">The rate limit in force.</param>
/// <param name="Scale">The adaptive limit's current share of the configured limits (1 when not adaptive).</param>
/// <param name="LastAdjustment">Why the adaptive limit last moved, or null.</param>
/// <param name="HedgingDelays">The hedging delay per operation the fleet is told.</param>
[GenerateSerializer, Immutable, Alias("rc.fleet-limit-status")]
public sealed record FleetLimitStatus(
    [property: Id(0)] string Component,
    [property: Id(1)] FleetLimitPolicy Policy,
    [property: Id(2)] int? EffectiveConcurrency,
    [property: Id(3)] double? EffectiveRate,
    [property: Id(4)] double Scale,
    [property: Id(5)] string? LastAdjustment,
    [property: Id(6)] IReadOnlyList<LeaseHolder> Leases,
    [property: Id(7)] long Version,
    [property: Id(8)] IReadOnlyDictionary<string, TimeSpan>? HedgingDelays = null);
