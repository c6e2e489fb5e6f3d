namespace RecoveryCluster.Errors;

/// <summary>Which index shard holds an error, and queries across all shards.</summary>
public static class ErrorIndex
{
    public const int ShardCount = 8;

    public static string ShardOf(string errorId)
    {
        ArgumentNullException.ThrowIfNull(errorId);
        // A stable hash: string.GetHashCode differs between processes.
        uint hash = 2166136261;
        foreach (var c in errorId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (hash % ShardCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static IEnumerable<IErrorIndexGrain> Shards(IGrainFactory grains) =>
        Enumerable.Range(0, ShardCount).Select(i => grains.GetGrain<IErrorIndexGrain>(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Matching errors across the shards, most recently seen first.</summary>
    public static async Task<IReadOnlyList<ErrorSummary>> QueryAsync(IGrainFactory grains, ErrorQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = await Task.WhenAll(Shards(grains).Select(s => s.QueryAsync(query)));
        return parts.SelectMany(p => p).OrderByDescending(e => e.LastSeen).ThenBy(e => e.ErrorId, StringComparer.Ordinal).Take(query.Limit).ToArray();
    }

    public static async Task<ErrorCounts> CountAsync(IGrainFactory grains)
    {
        var parts = await Task.WhenAll(Shards(grains).Select(s => s.CountAsync()));
        return new ErrorCounts(parts.Sum(p => p.Total), parts.Sum(p => p.Unresolved), parts.Sum(p => p.Escalated));
    }
}
