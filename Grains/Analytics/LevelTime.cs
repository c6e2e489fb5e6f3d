namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// Time spent recovering at one level: attempts made there, the errors that reached it, and the mean execution time
/// per attempt and per error (all of an error's attempts at the level added up).
/// </summary>
public sealed record LevelTime(long Attempts, long Errors, double AverageAttemptSeconds, double AverageSecondsPerError);
