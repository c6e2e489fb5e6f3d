using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>Receives pushed leases; held strongly so the reference stays alive.</summary>
internal sealed class FleetLimitObserver(Action<LimitLease> apply) : IFleetLimitObserver
{
    public void OnLeaseChanged(LimitLease lease) => apply(lease);
}
