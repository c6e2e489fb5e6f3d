namespace RecoveryCluster.Client;

/// <summary>Defaults a worker uses to reach the cluster when configuration names no gateway.</summary>
public static class RecoveryClusterGateway
{
    /// <summary>The silo's default Orleans gateway port (DESIGN §6).</summary>
    public const int DefaultPort = 30000;

    /// <summary>The default cluster and service id of a dev silo.</summary>
    public const string DefaultClusterId = "recovery-cluster";
}
