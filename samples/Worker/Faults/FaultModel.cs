namespace RecoveryCluster.Worker.Faults;

/// <summary>Which fault model the injector plants.</summary>
public enum FaultModel
{
    /// <summary>Faults last a time, as production faults do (the default).</summary>
    Time,

    /// <summary>A fault clears after a number of failed calls (mild 1, moderate 4, severe 40), or by a matching repair.</summary>
    Count,
}
