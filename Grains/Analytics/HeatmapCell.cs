namespace RecoveryCluster.Grains.Analytics;

/// <summary>One error type at one level: attempts, distinct errors, successes and the mean impact score (0..1) of the attempts.</summary>
public sealed record HeatmapCell(string ErrorType, int Level, long Attempts, long Errors, long Successes, double AverageImpact);
