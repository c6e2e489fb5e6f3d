using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client.Gate;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// What the Polly strategies need from a recovery client: the gate check and its completion for a call made outside
/// <see cref="IRecoveryClient.ExecuteAsync{T}"/>, the recovery of its failure, and the breaker state it last heard.
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
}
