namespace RecoveryCluster.Errors;

/// <summary>Which index shard holds an error (memory mode's error list; see IndexedErrorList).</summary>
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
}
