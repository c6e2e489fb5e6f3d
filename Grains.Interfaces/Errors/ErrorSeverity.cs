namespace RecoveryCluster.Errors;

/// <summary>How bad a failure is; severe failures always count against the component's circuit breaker.</summary>
[GenerateSerializer, Alias("rc.error-severity")]
public enum ErrorSeverity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
