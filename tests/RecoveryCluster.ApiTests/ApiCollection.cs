namespace RecoveryCluster.ApiTests;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<SiloHostFixture>
{
    public const string Name = "api-host";
}
