namespace RecoveryCluster.Worker.Faults;

/// <summary>How long a planted fault lasts: a duration in the time model (<see cref="FaultOptions"/>), failed calls in the count model.</summary>
public enum FailureIntensity
{
    Mild,
    Moderate,
    Severe,
}
