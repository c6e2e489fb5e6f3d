using RecoveryCluster.Policies;

namespace RecoveryCluster.Grains.Policies;

[GenerateSerializer, Alias("rc.component-policy-state")]
public sealed class ComponentPolicyState
{
    [Id(0)] public ComponentPolicy Policy { get; set; } = ComponentPolicy.Default;
    [Id(1)] public long Version { get; set; }
    [Id(2)] public DateTimeOffset? UpdatedAt { get; set; }
}
