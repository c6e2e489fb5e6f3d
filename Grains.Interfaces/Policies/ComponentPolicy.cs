using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Policies;

/// <summary>What the fleet is told about one component at run time: its breaker rules, fleet limits and hedging.</summary>
[GenerateSerializer, Immutable, Alias("rc.component-policy")]
public sealed record ComponentPolicy(
    [property: Id(0)] BreakerSettings Breaker,
    [property: Id(1)] FleetLimitPolicy Limit,
    [property: Id(2)] HedgingPolicy Hedging)
{
    /// <summary>The silo's breaker options, no limits, no hedging.</summary>
    public static ComponentPolicy Default { get; } = new(BreakerSettings.Inherited, FleetLimitPolicy.None, HedgingPolicy.Off);

    /// <summary>Checks every part; the exception names the field as <c>breaker.x</c>, <c>limit.x</c> or <c>hedging.x</c>.</summary>
    public ComponentPolicy Validate()
    {
        ArgumentNullException.ThrowIfNull(Breaker, "breaker");
        ArgumentNullException.ThrowIfNull(Limit, "limit");
        ArgumentNullException.ThrowIfNull(Hedging, "hedging");
        Breaker.Validate("breaker.");
        Limit.Validate("limit.");
        Hedging.Validate("hedging.");
        return this;
    }
}
