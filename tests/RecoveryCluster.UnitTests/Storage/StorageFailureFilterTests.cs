using System.Data.Common;
using RecoveryCluster.Grains.Storage;
using RecoveryCluster.History;

namespace RecoveryCluster.UnitTests.Storage;

public sealed class StorageFailureFilterTests
{
    [Fact]
    public void Database_errors_anywhere_in_the_chain_and_grain_storage_wrappers_are_storage_failures()
    {
        Assert.True(StorageFailureFilter.IsStorageFailure(new DatabaseDown()));
        Assert.True(StorageFailureFilter.IsStorageFailure(new InvalidOperationException("write failed", new DatabaseDown())));
        Assert.True(StorageFailureFilter.IsStorageFailure(new OrleansException("Error from storage provider AdoNetGrainStorage.recovery during WriteStateAsync for grain breaker/x")));
        Assert.True(StorageFailureFilter.IsStorageFailure(new HistoryUnavailableException("history down")));
    }

    [Fact]
    public void Other_errors_are_not()
    {
        Assert.False(StorageFailureFilter.IsStorageFailure(new ArgumentException("bad", "component")));
        Assert.False(StorageFailureFilter.IsStorageFailure(new OrleansException("Silo stopping")));
        Assert.False(StorageFailureFilter.IsStorageFailure(new TimeoutException("slow")));
    }

    private sealed class DatabaseDown() : DbException("connection refused");
}
