using Polly;
using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Client.Gate;

/// <summary>
/// One component as this worker sees it: the cluster breaker's last pushed state (read without locks or
/// allocation on every call), this worker's own Polly breaker, and successes waiting to be sent in a batch.
/// </summary>
internal sealed class ComponentGate(string component, ResiliencePipeline localBreaker)
{
    private readonly Lock _lock = new();
    private CircuitSnapshot? _snapshot;
    private long _pendingSuccesses;

    public string Component { get; } = component;

    public ResiliencePipeline LocalBreaker { get; } = localBreaker;

    /// <summary>The cluster state as last pushed; Closed until the first snapshot arrives.</summary>
    public volatile CircuitState State = CircuitState.Closed;

    /// <summary>False while the cluster cannot be reached: only the local breaker gates.</summary>
    public volatile bool ClusterReachable;

    public Task? Subscription { get; set; }

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
            State = snapshot.State;
            ClusterReachable = true;
            return changed;
        }
    }

    public void CountSuccess() => Interlocked.Increment(ref _pendingSuccesses);

    public int TakeSuccesses() => (int)Math.Min(Interlocked.Exchange(ref _pendingSuccesses, 0), int.MaxValue);

    public void ReturnSuccesses(int count) => Interlocked.Add(ref _pendingSuccesses, count);
}
