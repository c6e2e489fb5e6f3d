using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

[GenerateSerializer, Alias("rc.escalation-registry-state")]
public sealed class EscalationRegistryState
{
    /// <summary>Oldest first, bounded.</summary>
    [Id(0)] public List<EscalationRecord> Records { get; set; } = [];
}
