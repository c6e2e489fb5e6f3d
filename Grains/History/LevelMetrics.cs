namespace RecoveryCluster.Grains.History;

/// <summary>Attempts made at a level, and how many of them resolved their error.</summary>
public sealed record LevelMetrics(long Attempts, long Resolved);
