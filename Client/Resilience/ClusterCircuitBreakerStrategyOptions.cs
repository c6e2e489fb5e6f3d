using System.ComponentModel.DataAnnotations;
using Polly;
using Polly.CircuitBreaker;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// The cluster-wide breaker as a Polly strategy, shaped like Polly's <c>CircuitBreakerStrategyOptions</c>: which
/// outcomes count as failures (exceptions and results alike), callbacks on each transition the fleet's breaker makes,
/// and a provider of the state this worker last heard. Polly validates it when the pipeline is built.
/// </summary>
public class ClusterCircuitBreakerStrategyOptions<TResult> : ResilienceStrategyOptions
{
    public ClusterCircuitBreakerStrategyOptions() => Name = "ClusterCircuitBreaker";

    /// <summary>The component whose cluster-wide breaker gates the calls.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(Limits.MaxKeyLength)]
    public string Component { get; set; } = string.Empty;

    /// <summary>
    /// Which outcomes the breaker counts as failures; as Polly's default, every exception but
    /// <see cref="OperationCanceledException"/>. Return true for a result (an HTTP 503, say) to count it too.
    /// </summary>
    [Required]
    public Func<CircuitBreakerPredicateArguments<TResult>, ValueTask<bool>> ShouldHandle { get; set; } =
        args => new ValueTask<bool>(args.Outcome.Exception is not null and not OperationCanceledException);

    /// <summary>The fleet's breaker opened (or an operator isolated the component).</summary>
    public Func<ClusterCircuitChange, ValueTask>? OnOpened { get; set; }

    /// <summary>The fleet's breaker closed.</summary>
    public Func<ClusterCircuitChange, ValueTask>? OnClosed { get; set; }

    /// <summary>The fleet's breaker let probes through.</summary>
    public Func<ClusterCircuitChange, ValueTask>? OnHalfOpened { get; set; }

    /// <summary>Reads the state this worker last heard for <see cref="Component"/>, once the pipeline is built.</summary>
    public ClusterCircuitStateProvider? StateProvider { get; set; }
}
