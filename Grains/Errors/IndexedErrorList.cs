using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// Memory mode's error list: the error index's shards, fed in batches by each silo (<see cref="ErrorIndexFeed"/>).
/// A read through a silo first sends that silo's pending lines, so a caller reads its own reports.
/// </summary>
public sealed class IndexedErrorList(IGrainFactory grains, ErrorIndexFeed feed) : IErrorList
{
    public void Upsert(ErrorSummary summary) => feed.Upsert(summary);

    public async Task<ErrorPage> QueryAsync(ErrorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await feed.FlushAsync();
        var parts = await Task.WhenAll(ErrorIndex.Shards(grains).Select(s => s.QueryAsync(query)));
        var merged = parts.SelectMany(p => p)
            .OrderByDescending(e => e.LastSeen)
            .ThenBy(e => e.ErrorId, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToArray();
        return ErrorPage.Of(merged, query.Limit);
    }

    public async Task RemoveAsync(IReadOnlyList<string> errorIds)
    {
        ArgumentNullException.ThrowIfNull(errorIds);
        await feed.FlushAsync();
        foreach (var shard in errorIds.GroupBy(ErrorIndexShard.Of, StringComparer.Ordinal))
        {
            foreach (var chunk in shard.Chunk(Limits.MaxSiloBatch))
            {
                await grains.GetGrain<IErrorIndexGrain>(shard.Key).RemoveManyAsync(chunk);
            }
        }
    }

    public async Task<ErrorCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await feed.FlushAsync();
        var parts = await Task.WhenAll(ErrorIndex.Shards(grains).Select(s => s.CountAsync()));
        return new ErrorCounts(parts.Sum(p => p.Total), parts.Sum(p => p.Unresolved), parts.Sum(p => p.Escalated));
    }

    public async Task<IReadOnlyList<ErrorSummary>> FindAsync(
        IReadOnlyCollection<string> errorIds, ErrorType? type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errorIds);
        if (errorIds.Count == 0)
        {
            return [];
        }

        var page = await QueryAsync(new ErrorQuery(Type: type, Limit: int.MaxValue), cancellationToken);
        var wanted = errorIds as IReadOnlySet<string> ?? errorIds.ToHashSet(StringComparer.Ordinal);
        return [.. page.Errors.Where(e => wanted.Contains(e.ErrorId))];
    }
}
