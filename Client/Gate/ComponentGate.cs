using Polly;
using RecoveryCluster.CircuitBreaker;
using CircuitBreakerManualControl = Polly.CircuitBreaker.CircuitBreakerManualControl;

namespace RecoveryCluster.Client.Gate;

/// <summary>
/// One component as this worker sees it: the cluster breaker's last pushed state (read without locks or
/// allocation on every call), this worker's own Polly breaker, and successes waiting to be sent in a batch. One lock
/// guards what changes together (the snapshot with its state, and the subscription); the rest is single-word state.
/// </summary>
internal sealed class ComponentGate(string component, ResiliencePipeline localBreaker, CircuitBreakerManualControl localControl)
{
    private readonly Lock _lock = new();
    private CircuitSnapshot? _snapshot;
    private volatile CircuitState _state = CircuitState.Closed;
    private volatile bool _clusterReachable;
    private Task? _subscription;
    private long _pendingSuccesses;
    private int _probing;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Component { get; } = component;

    public ResiliencePipeline LocalBreaker { get; } = localBreaker;

    /// <summary>Closes the local breaker when the cluster's probes prove the component healthy again.</summary>
    public CircuitBreakerManualControl LocalControl { get; } = localControl;

    /// <summary>Completes at the next state change; calls held at an open circuit wait on it.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>The cluster state as last pushed; Closed until the first snapshot arrives.</summary>
    public CircuitState State => _state;

    /// <summary>False while the cluster cannot be reached: only the local breaker gates.</summary>
    public bool ClusterReachable => _clusterReachable;

    /// <summary>The first subscription to the component's breaker; null until <see cref="SubscribeOnce"/>.</summary>
    public Task? Subscription => Volatile.Read(ref _subscription);

    public CircuitSnapshot? Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Keeps the newest snapshot; pushes can arrive out of order with subscription replies.</summary>
    public bool Apply(CircuitSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_snapshot is not null && snapshot.Version < _snapshot.Version)
            {
                return false;
            }

            var changed = _snapshot is null || _snapshot.State != snapshot.State;
            Volatile.Write(ref _snapshot, snapshot);
            _state = snapshot.State;
            _clusterReachable = true;
            if (changed)
            {
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            return changed;
        }
    }

    /// <summary>Starts the first subscription, once however many calls race to it, and returns it.</summary>
    public Task SubscribeOnce(Func<ComponentGate, Task> subscribe)
    {
        lock (_lock)
        {
            return _subscription ??= subscribe(this);
        }
    }

    /// <summary>The cluster answered (a subscription was renewed): the cluster breaker gates again.</summary>
    public void MarkReachable() => _clusterReachable = true;

    /// <summary>The cluster did not answer: only this worker's own breaker gates until the subscription is renewed.</summary>
    public void MarkUnreachable() => _clusterReachable = false;

    /// <summary>
    /// One probe at a time per worker: the cluster grants a worker's permit again while it holds one, so without this
    /// every held call of this worker would probe at once.
    /// </summary>
    public bool TryBeginProbe() => Interlocked.CompareExchange(ref _probing, 1, 0) == 0;

    public void EndProbe() => Volatile.Write(ref _probing, 0);

    public void CountSuccess() => Interlocked.Increment(ref _pendingSuccesses);

    public int TakeSuccesses() => (int)Math.Min(Interlocked.Exchange(ref _pendingSuccesses, 0), int.MaxValue);

    public void ReturnSuccesses(int count) => Interlocked.Add(ref _pendingSuccesses, count);
}
