namespace RecoveryCluster.Worker;

/// <summary>How an operation ended for its caller.</summary>
public enum OperationEnd
{
    Succeeded,

    /// <summary>A breaker refused it (the cluster's or a local one) and it never got through.</summary>
    Rejected,

    /// <summary>Its error was already escalated to a person and held: it failed fast, or after its one held attempt.</summary>
    Held,

    /// <summary>It failed with its own error, or its recovery escalated.</summary>
    Failed,
}
