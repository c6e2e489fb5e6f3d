using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client.FleetLimits;
using RecoveryCluster.Client.Gate;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// What the Polly strategies need from a recovery client: the gate check and its completion for a call made outside
/// <see cref="IRecoveryClient.ExecuteAsync{T}"/>, the recovery of its failure, the breaker state it last heard, and the
/// component's fleet limit share and hedging.
/// </summary>
internal interface IClusterStrategyClient
{
    /// <summary>Raised on every breaker transition this worker hears of.</summary>
    event Action<CircuitSnapshot>? CircuitChanged;

    /// <summary>The component's cluster breaker state as this worker last heard it.</summary>
    CircuitState GetCircuitState(string component);

    /// <summary>Gates a call on the component's breaker; throws <see cref="CircuitOpenException"/> when it may not run.</summary>
    ValueTask<GateDecision> EnterAsync(string component, CancellationToken cancellationToken);

    /// <summary>Completes a call gated by <see cref="EnterAsync"/>; a failure is reported to the breaker.</summary>
    Task CompleteAsync(string component, GateDecision decision, Exception? failure);

    /// <summary>Recovers a failed call through the cluster's plans; <paramref name="action"/> runs the call again.</summary>
    Task<object?> RecoverAsync(
        string component, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions? options, CancellationToken cancellationToken);

    /// <summary>The component's fleet limit share on this worker, asking for its lease on first use.</summary>
    ValueTask<ComponentLimiter> FleetLimiterAsync(string component);

    /// <summary>True when the component's policy, as this worker last heard it, hedges.</summary>
    bool Hedges(string component);

    /// <summary>The call hedged under the component's policy, each copy counted against the fleet limit share.</summary>
    Func<CancellationToken, Task<T>> Hedged<T>(string component, string operation, Func<CancellationToken, Task<T>> action);
}
