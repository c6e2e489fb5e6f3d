namespace RecoveryCluster.Worker;

/// <summary>How long a planted fault lasts, in failed calls: mild clears on the first retry, severe outlasts the cheap levels.</summary>
public enum FailureIntensity
{
    Mild,
    Moderate,
    Severe,
}
