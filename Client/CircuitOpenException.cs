using Polly.CircuitBreaker;

namespace RecoveryCluster.Client;

/// <summary>
/// The component's circuit is open (cluster-wide, or this worker's own breaker): the call was not made. It is a Polly
/// <see cref="BrokenCircuitException"/>, so fallbacks, retry predicates and the standard handlers written for Polly's
/// breaker treat it alike; <see cref="BrokenCircuitException.RetryAfter"/> is the time left when it was thrown.
/// </summary>
public sealed class CircuitOpenException : BrokenCircuitException
{
    public CircuitOpenException()
    {
        Component = string.Empty;
    }

    public CircuitOpenException(string message) : base(message)
    {
        Component = string.Empty;
    }

    public CircuitOpenException(string message, Exception innerException) : base(message, innerException)
    {
        Component = string.Empty;
    }

    private CircuitOpenException(string component, DateTimeOffset? retryAt, bool isLocal, string message) : base(message)
    {
        Component = component;
        RetryAt = retryAt;
        IsLocal = isLocal;
    }

    private CircuitOpenException(string component, DateTimeOffset retryAt, TimeSpan retryAfter, bool isLocal, string message) : base(message, retryAfter)
    {
        Component = component;
        RetryAt = retryAt;
        IsLocal = isLocal;
    }

    /// <param name="retryAt">When the circuit may let a probe through; null when held open by an operator.</param>
    /// <param name="now">The caller's clock, for <see cref="BrokenCircuitException.RetryAfter"/>.</param>
    public static CircuitOpenException For(string component, DateTimeOffset? retryAt, DateTimeOffset now, bool isLocal, string? reason)
    {
        var message = Describe(component, retryAt, isLocal, reason);
        return retryAt is { } at
            ? new CircuitOpenException(component, at, at > now ? at - now : TimeSpan.Zero, isLocal, message)
            : new CircuitOpenException(component, null, isLocal, message);
    }

    public string Component { get; }

    /// <summary>When the circuit may let a probe through; null when held open by an operator.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>True when this worker's own breaker refused the call, not the cluster's.</summary>
    public bool IsLocal { get; }

    private static string Describe(string component, DateTimeOffset? retryAfter, bool isLocal, string? reason)
    {
        var scope = isLocal ? "this worker's breaker for" : "the cluster breaker of";
        var when = retryAfter is { } at ? $" until {at:HH:mm:ss}Z" : " until an operator resets it";
        var why = string.IsNullOrEmpty(reason) ? string.Empty : $"; the last failure was {reason}";
        return $"Circuit '{component}' is open ({scope} it){when}{why}.";
    }
}
