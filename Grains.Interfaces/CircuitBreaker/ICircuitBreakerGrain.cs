namespace RecoveryCluster.CircuitBreaker;

/// <summary>The cluster-wide circuit breaker of one component (key: the component name); the single authority on its state.</summary>
[Alias("rc.ICircuitBreakerGrain")]
public interface ICircuitBreakerGrain : IGrainWithStringKey
{
    /// <summary>The current state; an open circuit whose recovery timeout has passed is reported (and moved) half-open.</summary>
    [Alias("GetSnapshot")]
    Task<CircuitSnapshot> GetSnapshotAsync();

    /// <summary>Offers a failure; says whether it counted and the state before and after it.</summary>
    [Alias("RecordFailure")]
    Task<FailureVerdict> RecordFailureAsync(FailureSignal failure);

    /// <summary>
    /// Applies a silo's batch of failures and probe successes in order, as <see cref="RecordFailureAsync"/> and
    /// <see cref="RecordProbeSuccessAsync"/> would one by one; returns the state after them.
    /// </summary>
    [Alias("RecordSignals")]
    Task<CircuitSnapshot> RecordSignalsAsync(IReadOnlyList<BreakerSignal> signals);

    /// <summary>Records <paramref name="count"/> successful calls of a worker (batched by clients); they never close a half-open circuit.</summary>
    [Alias("RecordSuccess")]
    Task<CircuitSnapshot> RecordSuccessAsync(string workerId, int count);

    /// <summary>Records the success of a call made with this worker's probe permit; in half-open it counts toward closing.</summary>
    [Alias("RecordProbeSuccess")]
    Task<CircuitSnapshot> RecordProbeSuccessAsync(string workerId);

    /// <summary>Gives back this worker's probe permit without a verdict: the call it was for never reached the component.</summary>
    [Alias("ReleaseProbe")]
    Task<CircuitSnapshot> ReleaseProbeAsync(string workerId);

    /// <summary>Asks for one of the cluster-wide half-open probe permits.</summary>
    [Alias("TryAcquireProbe")]
    Task<ProbePermit> TryAcquireProbeAsync(string workerId);

    /// <summary>Holds the circuit open until <see cref="ResetAsync"/>.</summary>
    [Alias("Isolate")]
    Task<CircuitSnapshot> IsolateAsync(string reason);

    /// <summary>Lays the component policy's breaker rules over the silo's options, from the next signal on.</summary>
    [Alias("Configure")]
    Task<CircuitSnapshot> ConfigureAsync(RecoveryCluster.Policies.BreakerSettings settings);

    /// <summary>Closes the circuit and clears its counters.</summary>
    [Alias("Reset")]
    Task<CircuitSnapshot> ResetAsync();

    /// <summary>Subscribes (or renews) an observer; returns the current state so the subscriber starts from it.</summary>
    [Alias("Subscribe")]
    Task<CircuitSnapshot> SubscribeAsync(ICircuitObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ICircuitObserver observer);
}
