namespace RecoveryCluster.Errors;

/// <summary>The error index's shards (memory mode's error list): grain keys "0" .. <see cref="ShardCount"/>−1.</summary>
public static class ErrorIndex
{
    public const int ShardCount = 8;

    public static IEnumerable<IErrorIndexGrain> Shards(IGrainFactory grains) =>
        Enumerable.Range(0, ShardCount).Select(i => grains.GetGrain<IErrorIndexGrain>(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
