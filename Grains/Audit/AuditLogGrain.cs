using RecoveryCluster.Audit;

namespace RecoveryCluster.Grains.Audit;

/// <summary>
/// Dev mode's audit trail: the last <see cref="Kept"/> entries in memory. Kept alive rather than persisted, as dev mode
/// promises nothing durable; durable mode writes to PostgreSQL instead and never activates this grain.
/// </summary>
[KeepAlive]
public sealed class AuditLogGrain : Grain, IAuditLogGrain
{
    public const int Kept = 1000;

    private readonly LinkedList<AuditEntry> _entries = new();

    public Task AppendAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Guard.Key(entry.KeyName, "keyName");
        _entries.AddLast(entry);
        if (_entries.Count > Kept)
        {
            _entries.RemoveFirst();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<AuditEntry> newest = [.. _entries.Reverse().Take(limit)];
        return Task.FromResult(newest);
    }
}
