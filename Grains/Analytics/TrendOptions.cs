using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>When a strategy counts as getting worse or better. Section <c>RecoveryCluster:Trends</c>.</summary>
/// <remarks>Reloaded at run time: each request for recommendations reads the values in force.</remarks>
public sealed class TrendOptions : IValidatableObject
{
    public const string Section = "RecoveryCluster:Trends";

    /// <summary>The recent window, compared with everything kept before it (the strategy's own baseline).</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Executions needed on each side before anything is said.</summary>
    [Range(2, 1_000_000)]
    public int MinSamples { get; set; } = 20;

    /// <summary>Smallest fall of the success rate (0..1) that is reported.</summary>
    [Range(0.0, 1.0)]
    public double MinSuccessDrop { get; set; } = 0.15;

    /// <summary>How many standard errors the fall must span (a two-proportion test), so sampling noise is not reported.</summary>
    [Range(0.0, 20.0)]
    public double SuccessDropZ { get; set; } = 3.0;

    /// <summary>Recent mean execution time over the baseline's at or above which a slowdown is reported.</summary>
    [Range(1.0, 100.0)]
    public double SlowdownRatio { get; set; } = 1.5;

    /// <summary>Smallest slowdown in seconds that is reported (a few milliseconds more is not news).</summary>
    [Range(0.0, 3600.0)]
    public double MinSlowdownSeconds { get; set; } = 0.1;

    /// <summary>Smallest change of the mean stability score (0..1) that is reported.</summary>
    [Range(0.0, 1.0)]
    public double MinStabilityChange { get; set; } = 0.1;

    /// <summary>How many standard errors the change of mean stability must span, so sampling noise is not reported.</summary>
    [Range(0.0, 20.0)]
    public double StabilityChangeZ { get; set; } = 3.0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RecentWindow <= TimeSpan.Zero)
        {
            yield return new ValidationResult("RecentWindow must be positive.", [nameof(RecentWindow)]);
        }
    }
}
