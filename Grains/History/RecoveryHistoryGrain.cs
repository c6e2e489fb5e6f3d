using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>
/// The in-memory recovery history of one error type: the most recent <see cref="Kept"/> records. Dev mode only
/// promises nothing durable, so it is kept alive rather than persisted.
/// </summary>
[KeepAlive]
public sealed class RecoveryHistoryGrain : Grain, IRecoveryHistoryGrain
{
    public const int Kept = 20_000;

    private readonly LinkedList<RecoveryRecord> _records = new();

    public Task AppendAsync(RecoveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.AddLast(record);
        if (_records.Count > Kept)
        {
            _records.RemoveFirst();
        }

        return Task.CompletedTask;
    }

    public async Task AppendManyAsync(IReadOnlyList<RecoveryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        Guard.Batch(records.Count, "records");
        foreach (var record in records)
        {
            await AppendAsync(record);
        }
    }

    public Task<IReadOnlyList<RecoveryRecord>> QueryAsync(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, "limit");
        var matches = new List<RecoveryRecord>(Math.Min(query.Limit, _records.Count));
        for (var node = _records.Last; node is not null && matches.Count < query.Limit; node = node.Previous)
        {
            var r = node.Value;
            if (query.Since is { } since && r.Timestamp < since)
            {
                break;
            }

            if (query.StrategyId is null || string.Equals(r.StrategyId, query.StrategyId, StringComparison.Ordinal))
            {
                matches.Add(r);
            }
        }

        return Task.FromResult<IReadOnlyList<RecoveryRecord>>(matches);
    }

    public Task ResetAsync()
    {
        _records.Clear();
        return Task.CompletedTask;
    }
}
