namespace RecoveryCluster.Grains.CircuitBreaker;

[GenerateSerializer, Alias("rc.circuit-registry-state")]
public sealed class CircuitRegistryState
{
    [Id(0)] public SortedSet<string> Components { get; set; } = new(StringComparer.Ordinal);
}
