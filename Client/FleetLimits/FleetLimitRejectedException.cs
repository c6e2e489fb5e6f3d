using Polly;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>
/// The call was not made: this worker's share of the component's fleet-wide limit was spent. It is a Polly
/// <see cref="ExecutionRejectedException"/>, like Polly's own rate-limiter rejection, so handlers written for that treat
/// it alike; it never reaches the recovery loop (nothing failed). <see cref="RetryAfter"/> says when a permit is likely.
/// </summary>
public sealed class FleetLimitRejectedException : ExecutionRejectedException
{
    public FleetLimitRejectedException()
    {
        Component = string.Empty;
    }

    public FleetLimitRejectedException(string message) : base(message)
    {
        Component = string.Empty;
    }

    public FleetLimitRejectedException(string message, Exception innerException) : base(message, innerException)
    {
        Component = string.Empty;
    }

    public FleetLimitRejectedException(string component, FleetLimitKind kind, TimeSpan? retryAfter, string message) : base(message)
    {
        Component = component;
        Kind = kind;
        RetryAfter = retryAfter;
    }

    public string Component { get; }

    public FleetLimitKind Kind { get; }

    /// <summary>
    /// How long to wait before a permit is likely: the token bucket's refill time, or the recent mean call time divided by
    /// the worker's share (how often one of its calls ends).
    /// </summary>
    public TimeSpan? RetryAfter { get; }
}
