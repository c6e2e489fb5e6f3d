using System.ComponentModel.DataAnnotations;
using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// The component's fleet-wide concurrency and rate limits as a Polly strategy, in the place Polly's rate limiter takes
/// in a pipeline (outermost, before the breaker): a call past this worker's share is refused with
/// <see cref="FleetLimits.FleetLimitRejectedException"/>, an <c>ExecutionRejectedException</c> with <c>RetryAfter</c>.
/// </summary>
public class ClusterFleetLimitStrategyOptions : ResilienceStrategyOptions
{
    public ClusterFleetLimitStrategyOptions() => Name = "ClusterFleetLimit";

    /// <summary>The component whose fleet limits the calls count against.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(Limits.MaxKeyLength)]
    public string Component { get; set; } = string.Empty;
}
