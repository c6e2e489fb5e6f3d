namespace RecoveryCluster.Worker.Faults;

/// <summary>How a fault of the time model behaves while it lasts; calls never shorten it.</summary>
public enum FaultPattern
{
    /// <summary>Every call fails until the fault's duration has passed.</summary>
    Outage,

    /// <summary>A share of the calls fails (<see cref="FaultOptions.BrownoutFailureShare"/>).</summary>
    Brownout,

    /// <summary>Calls hang for <see cref="FaultOptions.SlowCallTime"/>, so callers run into their timeouts.</summary>
    Slow,

    /// <summary>Every call fails until its duration has passed or the repair that fits its kind is applied; retries never clear it.</summary>
    RepairOnly,

    /// <summary>Every call fails while the calls into the component exceed its capacity, and for a cool-down after the load drops.</summary>
    Overload,
}
