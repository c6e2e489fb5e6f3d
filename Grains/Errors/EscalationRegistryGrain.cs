using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>Keeps the most recent escalations so operators can list them; one record per episode of an error.</summary>
public sealed class EscalationRegistryGrain(
    [PersistentState("escalations", StorageNames.Recovery)] IPersistentState<EscalationRegistryState> state) : Grain, IEscalationRegistryGrain
{
    public const int Kept = 1000;

    public async Task AddAsync(EscalationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Guard.Key(record.ErrorId, "errorId");
        var records = state.State.Records;

        // An error escalates once per episode; a retried call (its first answer lost) must not list it twice.
        if (record.Episode > 0 && records.Exists(r => r.Episode == record.Episode && string.Equals(r.ErrorId, record.ErrorId, StringComparison.Ordinal)))
        {
            return;
        }

        records.Add(record);
        if (records.Count > Kept)
        {
            records.RemoveRange(0, records.Count - Kept);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<EscalationRecord>> ListAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<EscalationRecord> newestFirst = state.State.Records.AsEnumerable().Reverse().Take(limit).ToArray();
        return Task.FromResult(newestFirst);
    }
}
