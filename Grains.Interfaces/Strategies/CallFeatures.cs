namespace RecoveryCluster.Strategies;

/// <summary>
/// What a failed call brought along for its recovery. Strategies that need one (a fallback, degradation levels,
/// compensations) are planned only for calls that have it, so a plan never spends a level on what cannot run.
/// </summary>
[Flags]
public enum CallFeatures
{
    None = 0,
    Fallback = 1,
    Degradation = 2,
    Compensation = 4,
}
