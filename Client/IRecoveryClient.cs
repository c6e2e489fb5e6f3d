using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Hooks;
using RecoveryCluster.Events;

namespace RecoveryCluster.Client;

/// <summary>
/// Runs a worker's operations through the cluster: gates each call on the component's cluster-wide breaker, runs it
/// under its timeout and, when it fails, reports the error and carries out the cluster's recovery plans until the
/// error is resolved or escalated.
/// </summary>
public interface IRecoveryClient
{
    /// <summary>Runs <paramref name="action"/> and returns its value, or the value a recovery produced.</summary>
    /// <exception cref="CircuitOpenException">The component's circuit is open.</exception>
    /// <exception cref="RecoveryEscalatedException">Every level failed; the original failure is the inner exception.</exception>
    Task<T> ExecuteAsync<T>(string component, string operation, Func<CancellationToken, Task<T>> action, ExecuteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="action"/>, recovering it when it fails.</summary>
    Task ExecuteAsync(string component, string operation, Func<CancellationToken, Task> action, ExecuteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The component's cluster breaker state as this worker last heard it (a local read).</summary>
    CircuitState GetCircuitState(string component);

    /// <summary>
    /// Whether this worker can reach the cluster. The worker never waits for it: while it is out of reach, the local
    /// breaker gates and failures are recovered locally (retry, then the call's fallback) and sent when it returns.
    /// </summary>
    ClusterConnectionState ConnectionState { get; }

    /// <summary>Raised when <see cref="ConnectionState"/> changes.</summary>
    event Action<ClusterConnectionState>? ConnectionChanged;

    /// <summary>This worker's id, as the breakers' quorum counts it.</summary>
    string WorkerId { get; }

    /// <summary>Callbacks on this worker's errors, plans, escalations and breaker transitions.</summary>
    RecoveryHooks Hooks { get; }

    /// <summary>Raised on every breaker transition this worker hears of.</summary>
    event Action<CircuitSnapshot>? CircuitChanged;

    /// <summary>Raised when a recovery ends, resolved, escalated or given up.</summary>
    event Action<RecoveryFinished>? RecoveryFinished;

    /// <summary>
    /// The cluster's recovery events (every error's report, plans, attempts, resolution, regressions, escalations,
    /// breaker transitions and anomalies, from all workers): <c>await client.Events.SubscribeAsync(filter)</c>.
    /// </summary>
    RecoveryEventFeed Events { get; }
}
