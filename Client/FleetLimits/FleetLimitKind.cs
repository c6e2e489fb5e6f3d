namespace RecoveryCluster.Client.FleetLimits;

/// <summary>Which fleet limit refused a call.</summary>
public enum FleetLimitKind
{
    /// <summary>This worker's share of the calls in flight was taken.</summary>
    Concurrency,

    /// <summary>This worker's share of the calls per second was spent.</summary>
    Rate,
}
