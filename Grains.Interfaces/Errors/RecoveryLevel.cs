namespace RecoveryCluster.Errors;

/// <summary>The progressive recovery levels; each failed attempt moves an error one level up, and past level 5 a person is called.</summary>
[GenerateSerializer, Alias("rc.recovery-level")]
public enum RecoveryLevel
{
    /// <summary>Retries and reconnects.</summary>
    Basic = 1,
    /// <summary>Extended retries, changed parameters.</summary>
    Enhanced = 2,
    /// <summary>Restart a service, reassign its tasks.</summary>
    Component = 3,
    /// <summary>Recover a system component (coordinator, worker pool).</summary>
    SystemComponent = 4,
    /// <summary>Critical, system-wide recovery.</summary>
    Critical = 5,
}
