using RecoveryCluster.Testing;

namespace RecoveryCluster.DeployTests;

/// <summary>The deploy tests start silo processes: one at a time, on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeployCollection : ICollectionFixture<SharedPostgres>
{
    public const string Name = "Deploy";
}
