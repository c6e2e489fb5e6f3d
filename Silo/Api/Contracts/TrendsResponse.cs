using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>
/// <c>GET /api/recovery/trends</c>: attempts from <see cref="From"/> to <see cref="To"/> bucketed by <see cref="Bucket"/>,
/// and the time spent at each level. <see cref="Truncated"/> says the window held more records than were read (the
/// newest were kept), so its oldest buckets are incomplete.
/// </summary>
public sealed record TrendsResponse(
    string Bucket, DateTimeOffset From, DateTimeOffset To, int Records, bool Truncated,
    IReadOnlyList<TimeSeriesPoint> Points, IReadOnlyDictionary<string, LevelTime> Levels);
