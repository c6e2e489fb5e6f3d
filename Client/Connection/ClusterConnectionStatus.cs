namespace RecoveryCluster.Client.Connection;

/// <summary>
/// The connection state that every recovery client of a process shares with the connection that sets it. A host whose
/// grain factory is always connected (a silo, a test cluster's client) uses <see cref="AlwaysConnected"/>. Read on
/// every failure and flush, so the read is a plain volatile load.
/// </summary>
public sealed class ClusterConnectionStatus
{
    private int _state;

    public ClusterConnectionStatus(ClusterConnectionState initial = ClusterConnectionState.Connecting) => _state = (int)initial;

    /// <summary>A status that starts connected; grain calls that fail still fall back per call.</summary>
    public static ClusterConnectionStatus AlwaysConnected() => new(ClusterConnectionState.Connected);

    public ClusterConnectionState State => (ClusterConnectionState)Volatile.Read(ref _state);

    public bool IsConnected => State == ClusterConnectionState.Connected;

    /// <summary>Raised once per change, with the new state (listeners must not block).</summary>
    public event Action<ClusterConnectionState>? Changed;

    /// <summary>Moves to <paramref name="state"/>; true when that is a change.</summary>
    public bool Set(ClusterConnectionState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) == (int)state)
        {
            return false;
        }

        Changed?.Invoke(state);
        return true;
    }
}
