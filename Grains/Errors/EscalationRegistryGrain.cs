using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>Keeps the most recent escalations so operators can list them.</summary>
public sealed class EscalationRegistryGrain(
    [PersistentState("escalations", StorageNames.Recovery)] IPersistentState<EscalationRegistryState> state) : Grain, IEscalationRegistryGrain
{
    public const int Kept = 1000;

    public async Task AddAsync(EscalationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Guard.Key(record.ErrorId, "errorId");
        var records = state.State.Records;
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
