using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.Grains.FleetLimits;

/// <summary>What a fleet limit keeps across activations: the limits and hedging policies. Leases live in memory (see <see cref="LeaseBook"/>).</summary>
[GenerateSerializer, Alias("rc.fleet-limit-state")]
public sealed class FleetLimitState
{
    [Id(0)] public FleetLimitPolicy Policy { get; set; } = FleetLimitPolicy.None;
    [Id(1)] public long Version { get; set; }
    [Id(2)] public HedgingPolicy Hedging { get; set; } = HedgingPolicy.Off;
}
