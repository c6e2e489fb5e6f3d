using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RecoveryCluster.Grains;

/// <summary>The cluster's own telemetry: the <c>RecoveryCluster</c> meter and activity source, created through the host's meter factory.</summary>
public sealed class RecoveryInstruments
{
    public const string Name = "RecoveryCluster";

    public RecoveryInstruments(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        Attempts = meter.CreateCounter<long>("rc.recovery.attempts", description: "Recovery attempts recorded (outcomes)");
        Successes = meter.CreateCounter<long>("rc.recovery.successes", description: "Recovery attempts that succeeded");
        Resolved = meter.CreateCounter<long>("rc.recovery.resolved", description: "Errors resolved by a recovery");
        Escalations = meter.CreateCounter<long>("rc.recovery.escalations", description: "Errors escalated to a person after level 5");
        Reports = meter.CreateCounter<long>("rc.errors.reported", description: "Error occurrences reported");
        BreakerTransitions = meter.CreateCounter<long>("rc.circuit.transitions", description: "Circuit breaker state changes");
        RetentionRemoved = meter.CreateCounter<long>("rc.retention.removed", description: "Errors and history rows removed by retention (tag kind)");
        ApiRefusals = meter.CreateCounter<long>("rc.api.refusals", description: "Requests the API key check refused (tag reason: missing-key, unknown-key, role-too-low)");
        DecisionLatency = meter.CreateHistogram<double>("rc.recovery.decision.duration", unit: "ms", description: "Time to decide a plan inside the error grain");
        meter.CreateObservableGauge("rc.recovery.success_rate", SuccessRate, unit: "1",
            description: "Share of the recovery attempts recorded on this silo since it started that succeeded (0 before any)");
    }

    private long _attempts;
    private long _successes;

    /// <summary>Counts a recorded attempt on the counters and in the success-rate gauge.</summary>
    public void CountAttempt(bool success, in TagList tags)
    {
        Attempts.Add(1, tags);
        Interlocked.Increment(ref _attempts);
        if (success)
        {
            Successes.Add(1, tags);
            Interlocked.Increment(ref _successes);
        }
    }

    private double SuccessRate()
    {
        var attempts = Interlocked.Read(ref _attempts);
        return attempts == 0 ? 0 : (double)Interlocked.Read(ref _successes) / attempts;
    }

    public static ActivitySource Activities { get; } = new(Name);

    public Counter<long> Attempts { get; }
    public Counter<long> Successes { get; }
    public Counter<long> Resolved { get; }
    public Counter<long> Escalations { get; }
    public Counter<long> Reports { get; }
    public Counter<long> BreakerTransitions { get; }
    public Counter<long> RetentionRemoved { get; }

    public Counter<long> ApiRefusals { get; }
    public Histogram<double> DecisionLatency { get; }
}
