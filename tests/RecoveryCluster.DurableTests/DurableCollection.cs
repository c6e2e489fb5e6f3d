namespace RecoveryCluster.DurableTests;

/// <summary>The durable tests start processes and servers: one at a time, on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DurableCollection : ICollectionFixture<SharedPostgres>
{
    public const string Name = "Durable";
}
