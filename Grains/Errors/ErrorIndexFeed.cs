using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Grains.PerSilo;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// Keeps the error index current from a silo: each change's summary goes to its shard in the silo's next batch, every
/// ten <see cref="RecoveryOptions.BatchInterval"/>s (the list is for people, not for recovery), so the index never
/// slows recovery and costs a call per shard per batch, not per change. Summaries carry the state's revision; the
/// shard keeps the newest. A listing through a silo first sends that silo's pending lines (<see cref="FlushAsync"/>).
/// </summary>
public sealed class ErrorIndexFeed(IGrainFactory grains, IOptions<RecoveryOptions> options, ILogger<ErrorIndexFeed> logger)
{
    private const int Capacity = 100_000;

    private readonly OutboundBatcher<ErrorSummary> _summaries = new(
        "error index lines",
        (shard, summaries) => SendAsync(grains, shard, summaries),
        options.Value.BatchInterval * 10,
        Capacity,
        logger);

    public void Upsert(ErrorSummary summary) => _summaries.Enqueue(ErrorIndexShard.Of(summary.ErrorId), summary);

    /// <summary>Completes when every summary given before the call has reached its shard.</summary>
    public Task FlushAsync() => _summaries.FlushAsync();

    private static async Task SendAsync(IGrainFactory grains, string shard, IReadOnlyList<ErrorSummary> summaries)
    {
        foreach (var chunk in summaries.Chunk(Limits.MaxSiloBatch))
        {
            await grains.GetGrain<IErrorIndexGrain>(shard).UpsertManyAsync(chunk);
        }
    }
}
