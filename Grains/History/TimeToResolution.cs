namespace RecoveryCluster.Grains.History;

/// <summary>Seconds from an error's first sighting to its first resolution by a recovery (nearest-rank percentiles).</summary>
public sealed record TimeToResolution(long Errors, double? P50Seconds, double? P90Seconds, double? MeanSeconds);
