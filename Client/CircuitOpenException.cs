namespace RecoveryCluster.Client;

/// <summary>The component's circuit is open (cluster-wide, or this worker's own breaker): the call was not made.</summary>
public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(string component, DateTimeOffset? retryAfter, bool isLocal, string? reason)
        : base(Describe(component, retryAfter, isLocal, reason))
    {
        Component = component;
        RetryAfter = retryAfter;
        IsLocal = isLocal;
    }

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

    public string Component { get; }

    /// <summary>When the circuit may let a probe through; null when held open by an operator.</summary>
    public DateTimeOffset? RetryAfter { get; }

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
