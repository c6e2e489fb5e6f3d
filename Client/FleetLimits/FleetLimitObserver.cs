using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>Receives pushed policy changes; held strongly so the reference stays alive.</summary>
internal sealed class FleetLimitObserver(Action<string> renewNow) : IFleetLimitObserver
{
    public void OnLimitPolicyChanged(string component, long version) => renewNow(component);
}
