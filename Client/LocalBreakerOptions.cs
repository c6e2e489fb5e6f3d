using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Client;

/// <summary>
/// The worker's own breaker per component (Polly's). It opens on this worker's failures alone, so one sick worker
/// stops itself without tripping the fleet, and it is the only breaker while the cluster cannot be reached.
/// </summary>
public sealed class LocalBreakerOptions
{
    /// <summary>
    /// Share of failed calls within <see cref="SamplingDuration"/> that opens it (Polly measures the ratio over that
    /// window, so 1.0 would need every call of the window to fail: after any success a whole outage would pass first).
    /// </summary>
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Short, so the ratio speaks of the last seconds: it is the only gate while the cluster is out of reach.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>As long as Polly's default break; the cluster's close (after its probes) also closes it early.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    internal IEnumerable<ValidationResult> Validate()
    {
        if (FailureRatio is <= 0 or > 1 || double.IsNaN(FailureRatio))
        {
            yield return new ValidationResult("LocalBreaker.FailureRatio must lie in (0, 1].", [nameof(FailureRatio)]);
        }

        if (MinimumThroughput < 2)
        {
            yield return new ValidationResult("LocalBreaker.MinimumThroughput must be at least 2.", [nameof(MinimumThroughput)]);
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return new ValidationResult("LocalBreaker.SamplingDuration and BreakDuration must be at least 0.5 s.", [nameof(SamplingDuration)]);
        }
    }
}
