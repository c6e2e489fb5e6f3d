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
        await shard.UpsertAsync(Summary("error-a", component, ErrorStatus.Resolved, revision: 4));
        await Eventually.HoldsAsync(async () => (await shard.CountAsync()).Total == 1, "the first summary indexed");

        // The late, older change; then another error's summary, whose arrival shows the shard has taken both.
        await shard.UpsertAsync(Summary("error-a", component, ErrorStatus.Open, revision: 3));
        await shard.UpsertAsync(Summary("error-b", component, ErrorStatus.Open, revision: 1));
        await Eventually.HoldsAsync(async () => (await shard.CountAsync()).Total == 2, "the marker summary indexed");

        var listed = (await shard.QueryAsync(new ErrorQuery(Limit: 10))).Single(e => e.ErrorId == "error-a");
        Assert.Equal((ErrorStatus.Resolved, 4L), (listed.Status, listed.Revision));

        await shard.UpsertAsync(Summary("error-a", component, ErrorStatus.Open, revision: 5));
        await Eventually.HoldsAsync(
            async () => (await shard.QueryAsync(new ErrorQuery(Limit: 10))).Single(e => e.ErrorId == "error-a").Revision == 5, "the newer summary kept");
    }

    private static ErrorSummary Summary(string errorId, string component, ErrorStatus status, long revision) => new(
        errorId, ErrorType.Network, ErrorSeverity.High, component, "Call", "down", status, null, revision,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, revision);
}
