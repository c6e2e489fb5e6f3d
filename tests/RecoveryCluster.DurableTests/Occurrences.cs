using RecoveryCluster.Errors;

namespace RecoveryCluster.DurableTests;

/// <summary>Failures and outcomes as workers send them.</summary>
internal static class Occurrences
{
    public static ErrorOccurrence Of(ErrorType type, string component, string message, string worker = "worker-1", ErrorSeverity severity = ErrorSeverity.High) =>
        new(type, severity, message, null, new ErrorContext(component, "Run", worker), TimeProvider.System.GetUtcNow());

    public static RecoveryOutcome Outcome(RecoveryPlan plan, bool success, double seconds = 0.5) =>
        new(plan.StrategyId, success, TimeSpan.FromSeconds(seconds), AffectedTasks: 2, RecoveredTasks: success ? 2 : 0, HardwareId: "host-1");

    public static IErrorGrain Grain(this IGrainFactory grains, ErrorOccurrence occurrence) =>
        grains.GetGrain<IErrorGrain>(ErrorFingerprint.Compute(occurrence));
}
