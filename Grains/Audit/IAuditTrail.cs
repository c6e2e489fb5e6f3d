using RecoveryCluster.Audit;

namespace RecoveryCluster.Grains.Audit;

/// <summary>Where operator actions are kept: PostgreSQL in durable mode, a bounded in-memory list otherwise.</summary>
public interface IAuditTrail
{
    /// <summary>True when entries survive a restart.</summary>
    bool IsDurable { get; }

    /// <summary>Completes once the entry is kept (committed, in durable mode).</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The most recent entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken);
}
