using RecoveryCluster.Errors;

namespace RecoveryCluster.ClusterTests.Errors;

[Collection(ClusterCollection.Name)]
public sealed class ErrorIndexTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_summary_that_arrives_after_a_newer_one_does_not_overwrite_it()
    {
        var shard = fixture.Client.GetGrain<IErrorIndexGrain>($"ordering-{Guid.NewGuid():N}");
        var component = Failures.NewComponent("index");
        await shard.UpsertManyAsync([Summary("error-a", component, ErrorStatus.Resolved, revision: 4)]);

        // A late, older change of error-a in another silo's batch, next to a new error.
        await shard.UpsertManyAsync([Summary("error-a", component, ErrorStatus.Open, revision: 3), Summary("error-b", component, ErrorStatus.Open, revision: 1)]);
        var listed = await shard.QueryAsync(new ErrorQuery(Limit: 10));
        Assert.Equal(2, listed.Count);
        Assert.Equal((ErrorStatus.Resolved, 4L), (listed.Single(e => e.ErrorId == "error-a").Status, listed.Single(e => e.ErrorId == "error-a").Revision));

        // Within one batch, too, the newest revision wins whatever the order.
        await shard.UpsertManyAsync([Summary("error-a", component, ErrorStatus.Open, revision: 6), Summary("error-a", component, ErrorStatus.Retrying, revision: 5)]);
        Assert.Equal(6, (await shard.QueryAsync(new ErrorQuery(Limit: 10))).Single(e => e.ErrorId == "error-a").Revision);
    }

    [Fact]
    public async Task A_batch_larger_than_the_limit_is_refused_and_changes_nothing()
    {
        var shard = fixture.Client.GetGrain<IErrorIndexGrain>($"limit-{Guid.NewGuid():N}");
        var component = Failures.NewComponent("index");
        var tooMany = Enumerable.Range(0, Limits.MaxSiloBatch + 1).Select(i => Summary($"error-{i}", component, ErrorStatus.Open, revision: 1)).ToArray();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => shard.UpsertManyAsync(tooMany));

        Assert.Contains("summaries", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await shard.CountAsync()).Total);
    }

    [Fact]
    public async Task A_shard_past_its_share_of_the_index_capacity_lets_the_oldest_resolved_errors_go_first()
    {
        // The default capacity (100,000) gives each of the 8 shards 12,500; past it a shard drops back to 11,250.
        var shard = fixture.Client.GetGrain<IErrorIndexGrain>($"capacity-{Guid.NewGuid():N}");
        var component = Failures.NewComponent("index");
        var summaries = Enumerable.Range(0, 12_600).Select(i => Summary($"error-{i:D5}", component, i < 2_000 ? ErrorStatus.Resolved : ErrorStatus.Open, revision: 1) with
        {
            LastSeen = DateTimeOffset.UnixEpoch.AddMinutes(i % 2_000 == 0 ? 100_000 : i),
        }).ToArray();

        foreach (var batch in summaries.Chunk(Limits.MaxSiloBatch))
        {
            await shard.UpsertManyAsync(batch);
        }

        // 12,600 > 12,500 at the last batch: 1,350 leave, the least recently seen resolved ones (1..1,350), while
        // open error-02001, seen before many of those, stays, and so does resolved error-00000, seen last.
        Assert.Equal(11_250, (await shard.CountAsync()).Total);
        var listed = (await shard.QueryAsync(new ErrorQuery(Limit: 20_000))).Select(e => e.ErrorId).ToHashSet();
        Assert.DoesNotContain("error-00001", listed);
        Assert.DoesNotContain("error-01350", listed);
        Assert.Contains("error-01351", listed);
        Assert.Contains("error-00000", listed);
        Assert.Contains("error-02001", listed);
        Assert.Contains("error-12599", listed);
    }

    private static ErrorSummary Summary(string errorId, string component, ErrorStatus status, long revision) => new(
        errorId, ErrorType.Network, ErrorSeverity.High, component, "Call", "down", status, null, revision,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, revision);
}
