namespace RecoveryCluster.Grains.History;

/// <summary>Regressions (a resolved error back within the regression window) per resolution by a recovery.</summary>
public sealed record RegressionRate(long Regressions, long Resolutions, double Rate);
