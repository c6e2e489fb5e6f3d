using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>Options that name the cluster strategies in Polly's telemetry.</summary>
public sealed class ClusterStrategyOptions : ResilienceStrategyOptions
{
    public ClusterStrategyOptions(string name) => Name = name;

    public ClusterStrategyOptions() => Name = "RecoveryCluster";
}
