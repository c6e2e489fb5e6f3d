using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Worker.Faults;

/// <summary>
/// The failure injector's settings, section <c>Worker:Faults</c> (e.g. <c>--Worker:Faults:Model=count</c>,
/// <c>--Worker:Faults:Patterns:0=Overload</c>). Faults are drawn from the seed before they are due, so every run with
/// the same seed and settings meets the same faults at the same times.
/// </summary>
public sealed class FaultOptions : IValidatableObject
{
    public FaultModel Model { get; set; } = FaultModel.Time;

    /// <summary>Chance that a component gets a new fault in each <see cref="Interval"/>.</summary>
    [Range(0.0, 1.0)]
    public double Rate { get; set; } = 0.02;

    /// <summary>How often each component draws for a new fault.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Patterns the time model draws from; empty means all.</summary>
    public List<FaultPattern> Patterns { get; set; } = [];

    /// <summary>Failure kinds (the exception a call sees, and the repair that fits it); empty means all.</summary>
    public List<FailureKind> Kinds { get; set; } = [];

    /// <summary>Chances of a mild and of a moderate fault; the rest are severe.</summary>
    [Range(0.0, 1.0)]
    public double MildShare { get; set; } = 0.5;

    [Range(0.0, 1.0)]
    public double ModerateShare { get; set; } = 0.35;

    public TimeSpan MildDuration { get; set; } = TimeSpan.FromSeconds(0.5);

    public TimeSpan ModerateDuration { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan SevereDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Share of calls a brownout fails.</summary>
    [Range(0.0, 1.0)]
    public double BrownoutFailureShare { get; set; } = 0.5;

    /// <summary>How long a call into a slow component hangs (longer than the callers' timeouts).</summary>
    public TimeSpan SlowCallTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An overloaded component's capacity, as a multiple of its normal load (calls per second).</summary>
    [Range(1.0, 100.0)]
    public double OverloadCapacityFactor { get; set; } = 1.5;

    /// <summary>How long an overloaded component needs after its load drops below capacity.</summary>
    public TimeSpan OverloadCooldown { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan DurationOf(FailureIntensity intensity) => intensity switch
    {
        FailureIntensity.Mild => MildDuration,
        FailureIntensity.Moderate => ModerateDuration,
        _ => SevereDuration,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(Interval), Interval), (nameof(MildDuration), MildDuration), (nameof(ModerateDuration), ModerateDuration),
                     (nameof(SevereDuration), SevereDuration), (nameof(SlowCallTime), SlowCallTime), (nameof(OverloadCooldown), OverloadCooldown),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Worker:Faults:{name} must be positive.", [name]);
            }
        }

        if (MildShare + ModerateShare > 1)
        {
            yield return new ValidationResult("Worker:Faults:MildShare + ModerateShare must not exceed 1.", [nameof(MildShare)]);
        }
    }
}
