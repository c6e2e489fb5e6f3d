using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClusterTests;

/// <summary>Builds occurrences and finds their grains, as a worker would.</summary>
public static class Failures
{
    public static string NewComponent(string name) => $"{name}-{Guid.NewGuid():N}";

    public static ErrorOccurrence Occurrence(
        string component,
        string worker = "worker-1",
        ErrorType type = ErrorType.Database,
        ErrorSeverity severity = ErrorSeverity.Medium,
        string message = "connection reset after 30 ms",
        string operation = "SaveOrder",
        bool critical = false) =>
        new(type, severity, message, "System.IO.IOException",
            new ErrorContext(component, operation, worker, HardwareId: "host-a", IsCriticalOperation: critical),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static IErrorGrain Grain(this IGrainFactory grains, ErrorOccurrence occurrence) =>
        grains.GetGrain<IErrorGrain>(ErrorFingerprint.Compute(occurrence));

    public static Task<ReportResult> ReportAsync(this IGrainFactory grains, ErrorOccurrence occurrence) =>
        grains.Grain(occurrence).ReportAsync(occurrence);

    public static RecoveryOutcome Outcome(RecoveryPlan plan, bool success, double seconds = 1) =>
        new(plan.StrategyId, success, TimeSpan.FromSeconds(seconds), StabilityScore: success ? 1 : 0);

    public static ICircuitBreakerGrain Breaker(this IGrainFactory grains, string component) =>
        grains.GetGrain<ICircuitBreakerGrain>(component);

    /// <summary>A counted (high-severity) failure from a worker.</summary>
    public static Task<FailureVerdict> FailAsync(this ICircuitBreakerGrain breaker, string worker, ErrorSeverity severity = ErrorSeverity.High, ErrorType type = ErrorType.Network) =>
        breaker.RecordFailureAsync(new FailureSignal(worker, type, severity, "boom"));
}
