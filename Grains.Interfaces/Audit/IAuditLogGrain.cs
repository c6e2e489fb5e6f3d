namespace RecoveryCluster.Audit;

/// <summary>
/// The in-memory audit trail of a cluster without a database (key <see cref="DefaultKey"/>): the most recent
/// operator actions, bounded. Operator actions are rare, so one grain serves the cluster.
/// </summary>
[Alias("rc.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    [Alias("Append")]
    Task AppendAsync(AuditEntry entry);

    /// <summary>The most recent entries, newest first.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<AuditEntry>> ListAsync(int limit);
}
