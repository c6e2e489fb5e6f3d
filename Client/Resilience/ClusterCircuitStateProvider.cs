using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Client.Resilience;

/// <summary>The state of the cluster breaker a pipeline gates on, as this worker last heard it (no call is made).</summary>
public sealed class ClusterCircuitStateProvider
{
    private Func<CircuitState>? _read;

    /// <summary>The state last heard; <see cref="CircuitState.Closed"/> before the pipeline is built.</summary>
    public CircuitState CircuitState => _read?.Invoke() ?? CircuitState.Closed;

    internal void Bind(Func<CircuitState> read)
    {
        if (_read is not null)
        {
            throw new InvalidOperationException("This state provider is already used by another cluster breaker; give each strategy its own.");
        }

        _read = read;
    }
}
