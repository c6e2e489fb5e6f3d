namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>Tests that must not share the machine with the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo";
}
