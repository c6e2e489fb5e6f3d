namespace RecoveryCluster.Client.Recovery;

/// <summary>How far one recovery got, for the <see cref="RecoveryFinished"/> event.</summary>
internal sealed class RecoveryProgress
{
    public string? ErrorId { get; set; }
    public int Level { get; set; }
    public int Attempts { get; set; }

    /// <summary>This worker recovered alone: the cluster was out of reach.</summary>
    public bool Local { get; set; }
}
