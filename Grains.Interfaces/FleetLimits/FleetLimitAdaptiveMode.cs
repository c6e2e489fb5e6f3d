namespace RecoveryCluster.FleetLimits;

/// <summary>Whether a fleet limit adapts to the component's health.</summary>
[GenerateSerializer, Alias("rc.fleet-limit-adaptive-mode")]
public enum FleetLimitAdaptiveMode
{
    /// <summary>The configured limits hold as they are.</summary>
    Off = 0,

    /// <summary>
    /// Additive increase, multiplicative decrease: the limits shrink by <see cref="FleetLimitPolicy.DecreaseFactor"/> when the
    /// component's failure rate or mean latency passes its target and grow back by <see cref="FleetLimitPolicy.IncreaseStep"/>
    /// of the configured limit per healthy interval.
    /// </summary>
    Aimd = 1,
}
