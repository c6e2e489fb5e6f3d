namespace RecoveryCluster.FleetLimits;

/// <summary>
/// The fleet-wide limits of one component (key: the component name). Workers call it only to renew their lease, not per
/// operation; the sum of the unexpired shares it grants never exceeds the limits in force.
/// </summary>
[Alias("rc.IFleetLimitGrain")]
public interface IFleetLimitGrain : IGrainWithStringKey
{
    /// <summary>Grants or renews the worker's lease, sized by its demand and the other workers' shares.</summary>
    [Alias("Acquire")]
    Task<LimitLease> AcquireAsync(LeaseRequest request);

    /// <summary>Gives the worker's share back at once (a worker stopping); a dead worker's share returns when its lease ends.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string workerId);

    /// <summary>Replaces the policy; shares shrink at each worker's next renewal and grow as the others' leases free room.</summary>
    [Alias("SetPolicy")]
    Task<FleetLimitStatus> SetPolicyAsync(FleetLimitPolicy policy);

    /// <summary>Replaces the limits and the hedging policy at once (what a component policy change does), pushing both.</summary>
    [Alias("SetPolicies")]
    Task<FleetLimitStatus> SetPoliciesAsync(FleetLimitPolicy policy, RecoveryCluster.Policies.HedgingPolicy hedging);

    [Alias("GetStatus"), ReadOnly]
    Task<FleetLimitStatus> GetStatusAsync();
}
