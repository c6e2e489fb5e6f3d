using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Grains.Options;

/// <summary>The rules of every component's cluster-wide breaker. Section <c>RecoveryCluster:CircuitBreaker</c>.</summary>
/// <remarks>
/// Reloaded at run time: each breaker applies the new defaults at its next call, under its component policy's
/// overrides. An open period already started keeps the end it was given.
/// </remarks>
public sealed class CircuitBreakerOptions : IValidatableObject
{
    public const string Section = "RecoveryCluster:CircuitBreaker";

    public CircuitBreakerMode Mode { get; set; } = CircuitBreakerMode.ConsecutiveFailures;

    /// <summary>Counted failures that open the circuit in consecutive mode.</summary>
    [Range(1, 100000)]
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Share of failed calls that opens the circuit in ratio mode.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before ratio mode may open.</summary>
    [Range(1, 1000000)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window ratio mode looks at.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit waits before it lets probes through the first time.</summary>
    public TimeSpan RecoveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Each failed probe multiplies the next open period by this (1 keeps it fixed).</summary>
    [Range(1.0, 10.0)]
    public double RecoveryTimeoutGrowth { get; set; } = 1;

    /// <summary>The longest an open period grows to (never below <see cref="RecoveryTimeout"/>).</summary>
    public TimeSpan MaxRecoveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Probe permits the whole cluster may hold at once while half-open.</summary>
    [Range(1, 1000)]
    public int HalfOpenMaxProbes { get; set; } = 2;

    /// <summary>Probe successes in a row that close the circuit.</summary>
    [Range(1, 1000)]
    public int SuccessesToClose { get; set; } = 2;

    /// <summary>A probe permit not answered within this time is given back (its holder is presumed gone).</summary>
    public TimeSpan ProbePermitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Distinct workers whose failures are needed to open the circuit cluster-wide; 1 trusts a single reporter.</summary>
    [Range(1, 1000)]
    public int MinDistinctReporters { get; set; } = 2;

    /// <summary>Workers whose last failure is remembered (for the consecutive-same-type rule).</summary>
    [Range(1, 100000)]
    public int TrackedWorkers { get; set; } = 1024;

    /// <summary>
    /// Period of the durable reminder that half-opens an open circuit after a restart. Orleans' reminders tick at most
    /// once a minute unless the silo lowers its minimum (the silo does, to this value).
    /// </summary>
    public TimeSpan HalfOpenReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HalfOpenReminderPeriod < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("HalfOpenReminderPeriod must be at least one second.", [nameof(HalfOpenReminderPeriod)]);
        }

        if (SamplingDuration <= TimeSpan.Zero)
        {
            yield return new ValidationResult("SamplingDuration must be positive.", [nameof(SamplingDuration)]);
        }

        if (RecoveryTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("RecoveryTimeout must be positive.", [nameof(RecoveryTimeout)]);
        }

        if (MaxRecoveryTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("MaxRecoveryTimeout must be positive.", [nameof(MaxRecoveryTimeout)]);
        }

        if (ProbePermitTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("ProbePermitTimeout must be positive.", [nameof(ProbePermitTimeout)]);
        }
    }
}
