namespace RecoveryCluster.Grains.Options;

/// <summary>How a breaker decides to open.</summary>
public enum CircuitBreakerMode
{
    /// <summary>Open after <c>FailureThreshold</c> counted failures with no success in between.</summary>
    ConsecutiveFailures = 0,
    /// <summary>Open when counted failures reach <c>FailureRatio</c> of the calls in the sampling window.</summary>
    FailureRatio = 1,
}
