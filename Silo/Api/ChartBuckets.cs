namespace RecoveryCluster.Silo.Api;

/// <summary>The bucket sizes the trend series offer, by the name used in <c>?bucket=</c>.</summary>
public static class ChartBuckets
{
    /// <summary>More buckets than this in one window is refused: a chart cannot show them and the series would be mostly empty.</summary>
    public const int MaxBuckets = 10_000;

    public static readonly IReadOnlyDictionary<string, TimeSpan> Sizes = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["minute"] = TimeSpan.FromMinutes(1),
        ["hour"] = TimeSpan.FromHours(1),
        ["day"] = TimeSpan.FromDays(1),
    };
}
