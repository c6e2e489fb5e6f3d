using RecoveryCluster.Audit;

namespace RecoveryCluster.Grains.Audit;

/// <summary>The in-memory trail: one <see cref="IAuditLogGrain"/> for the cluster, so every silo answers alike.</summary>
public sealed class GrainAuditTrail(IGrainFactory grains) : IAuditTrail
{
    public bool IsDurable => false;

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        Log.AppendAsync(entry).WaitAsync(cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken) =>
        Log.ListAsync(limit).WaitAsync(cancellationToken);

    private IAuditLogGrain Log => grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.DefaultKey);
}
