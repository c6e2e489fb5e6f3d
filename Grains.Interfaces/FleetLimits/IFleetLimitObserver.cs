namespace RecoveryCluster.FleetLimits;

/// <summary>A worker holding a lease: handed its new lease when the component's policy changes, without asking for it.</summary>
[Alias("rc.IFleetLimitObserver")]
public interface IFleetLimitObserver : IGrainObserver
{
    /// <summary>The worker's lease under the new policy; one older than the lease it holds is ignored.</summary>
    [OneWay, Alias("OnLeaseChanged")]
    void OnLeaseChanged(LimitLease lease);
}
