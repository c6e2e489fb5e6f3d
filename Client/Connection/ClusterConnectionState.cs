namespace RecoveryCluster.Client.Connection;

/// <summary>Whether this worker can reach the cluster.</summary>
public enum ClusterConnectionState
{
    /// <summary>Not connected yet: the first connection is being tried in the background.</summary>
    Connecting,

    /// <summary>Connected to at least one gateway.</summary>
    Connected,

    /// <summary>Was connected and lost every gateway; the Orleans client reconnects by itself.</summary>
    Disconnected,
}
