namespace RecoveryCluster.Grains.History;

/// <summary>How many recovery episodes ended at a level (resolved there, or escalated), and their share of all that ended.</summary>
public sealed record LevelShare(long Episodes, double Share);
