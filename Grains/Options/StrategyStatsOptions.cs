using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Grains.Options;

/// <summary>Statistics and adaptive timeouts per (error type, strategy). Section <c>RecoveryCluster:Strategies</c>.</summary>
/// <remarks>Read once per statistics grain (the window and trend buckets size its state): a change needs a restart.</remarks>
public sealed class StrategyStatsOptions : IValidatableObject
{
    public const string Section = "RecoveryCluster:Strategies";

    /// <summary>The timeout a strategy starts with.</summary>
    public TimeSpan BaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The floor of the adaptive timeout.</summary>
    public TimeSpan MinTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The ceiling of the adaptive timeout.</summary>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Recent executions the score is computed from.</summary>
    [Range(1, 10000)]
    public int WindowSize { get; set; } = 100;

    /// <summary>Width of a trend bucket.</summary>
    public TimeSpan TrendBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Trend buckets kept (a week of hours by default).</summary>
    [Range(1, 10000)]
    public int TrendBucketsKept { get; set; } = 168;

    /// <summary>Distinct hardware ids tracked per strategy; further ids are folded into "other".</summary>
    [Range(1, 10000)]
    public int HardwareKept { get; set; } = 64;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("MinTimeout must be positive.", [nameof(MinTimeout)]);
        }

        if (MaxTimeout < MinTimeout)
        {
            yield return new ValidationResult("MaxTimeout must not be below MinTimeout.", [nameof(MaxTimeout)]);
        }

        if (BaseTimeout < MinTimeout || BaseTimeout > MaxTimeout)
        {
            yield return new ValidationResult("BaseTimeout must lie between MinTimeout and MaxTimeout.", [nameof(BaseTimeout)]);
        }

        if (TrendBucket <= TimeSpan.Zero)
        {
            yield return new ValidationResult("TrendBucket must be positive.", [nameof(TrendBucket)]);
        }
    }
}
