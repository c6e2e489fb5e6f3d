using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;

namespace RecoveryCluster.UnitTests.Errors;

public sealed class ErrorIndexShardTests
{
    [Fact]
    public void An_error_always_lands_on_the_same_shard_among_the_shard_keys()
    {
        var keys = Enumerable.Range(0, ErrorIndex.ShardCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        foreach (var errorId in new[] { "", "database-5c1f0e3b9a7d4e21", "timeout-0000000000000000" })
        {
            Assert.Contains(ErrorIndexShard.Of(errorId), keys);
            Assert.Equal(ErrorIndexShard.Of(errorId), ErrorIndexShard.Of(new string(errorId.AsSpan())));
        }
    }

    [Fact]
    public void Errors_spread_over_every_shard()
    {
        var perShard = Enumerable.Range(0, 8_000).Select(i => ErrorIndexShard.Of($"network-{i:x16}")).CountBy(s => s).ToDictionary();
        Assert.Equal(ErrorIndex.ShardCount, perShard.Count);
        Assert.All(perShard.Values, count => Assert.InRange(count, 800, 1_200));
    }
}
