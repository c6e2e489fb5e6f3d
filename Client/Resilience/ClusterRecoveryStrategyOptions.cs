using System.ComponentModel.DataAnnotations;
using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// The cluster's progressive recovery as a Polly strategy: which outcomes go to the cluster (exceptions and results
/// alike, as Polly's retry decides with <c>ShouldHandle</c>), for which component and operation.
/// </summary>
public class ClusterRecoveryStrategyOptions<TResult> : ResilienceStrategyOptions
{
    public ClusterRecoveryStrategyOptions() => Name = "ClusterRecovery";

    /// <summary>The component the failing calls go to.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(Limits.MaxKeyLength)]
    public string Component { get; set; } = string.Empty;

    /// <summary>The operation, as the cluster groups its errors.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(Limits.MaxKeyLength)]
    public string Operation { get; set; } = string.Empty;

    /// <summary>
    /// Which outcomes the cluster recovers; by default every exception but a cancellation and a refusal by an open
    /// circuit (nothing was called, so there is nothing to recover). Return true for a result to recover it too.
    /// </summary>
    [Required]
    public Func<RecoveryPredicateArguments<TResult>, ValueTask<bool>> ShouldHandle { get; set; } =
        args => new ValueTask<bool>(args.Outcome.Exception is not null and not OperationCanceledException and not CircuitOpenException);

    /// <summary>Per-call settings the planned strategies use (fallback, degradation, timeout); null for the defaults.</summary>
    public ExecuteOptions? ExecuteOptions { get; set; }
}
