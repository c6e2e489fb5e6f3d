namespace RecoveryCluster.ClientTests;

[CollectionDefinition(Name)]
public sealed class ClientCollection : ICollectionFixture<ClientClusterFixture>
{
    public const string Name = "client-cluster";
}
