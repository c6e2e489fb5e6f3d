using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Grains.FleetLimits;

/// <summary>A worker's share as the limit grain granted it, with the demand it asked on.</summary>
public sealed record GrantedLease(int? Concurrency, double? Rate, int ConcurrencyDemand, double RateDemand, DateTimeOffset ExpiresAt)
{
    /// <summary>The holder's worker, told when the policy changes.</summary>
    public IFleetLimitObserver? Observer { get; init; }
}
