using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary><c>GET /api/recovery/heatmap</c>: the error type × level cells of the attempts since <see cref="From"/> (all kept when null).</summary>
public sealed record HeatmapResponse(DateTimeOffset? From, DateTimeOffset To, int Records, bool Truncated, IReadOnlyList<HeatmapCell> Cells);
