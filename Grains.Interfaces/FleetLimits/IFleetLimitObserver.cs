namespace RecoveryCluster.FleetLimits;

/// <summary>A worker holding a lease: told when the component's limit policy changes, so it renews at once.</summary>
[Alias("rc.IFleetLimitObserver")]
public interface IFleetLimitObserver : IGrainObserver
{
    [OneWay, Alias("OnLimitPolicyChanged")]
    void OnLimitPolicyChanged(string component, long version);
}
