using System.ComponentModel.DataAnnotations;
using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// Hedging with the delay the fleet learned for (component, operation), under the component's run-time hedging policy
/// (off until a policy turns it on). Add it only for idempotent operations: a copy of the rest of the pipeline starts
/// when the first is slow, and the first to succeed wins.
/// </summary>
public class ClusterHedgingStrategyOptions : ResilienceStrategyOptions
{
    public ClusterHedgingStrategyOptions() => Name = "ClusterHedging";

    /// <summary>The component the calls go to; its policy says whether and how far to hedge.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(Limits.MaxKeyLength)]
    public string Component { get; set; } = string.Empty;

    /// <summary>The operation, whose latencies the fleet learns the delay from.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(Limits.MaxKeyLength)]
    public string Operation { get; set; } = string.Empty;
}
