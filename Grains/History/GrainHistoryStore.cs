using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>Dev mode: the history lives in one <see cref="IRecoveryHistoryGrain"/> per error type, in memory.</summary>
public sealed class GrainHistoryStore(IGrainFactory grains) : IRecoveryHistoryStore
{
    private static readonly HistoryStoreHealth Healthy = new(Reachable: true, PendingRecords: 0, OldestPendingSeconds: 0, LastError: null);

    public string Provider => "memory";

    public bool IsDurable => false;

    public HistoryStoreHealth Health => Healthy;

    public Task AppendAsync(RecoveryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Grain(record.ErrorType).AppendAsync(record);
    }

    public Task<IReadOnlyList<RecoveryRecord>> QueryAsync(ErrorType? type, HistoryQuery query, CancellationToken cancellationToken = default) =>
        RecoveryHistory.QueryAsync(grains, type, query);

    public async Task<RecoveryMetrics> MetricsAsync(ErrorType? type, string? strategyId, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        var records = await RecoveryHistory.QueryAsync(grains, type, new HistoryQuery(strategyId, since, int.MaxValue));
        return RecoveryMetrics.Compute(records);
    }

    public Task ResetAsync(ErrorType type, CancellationToken cancellationToken = default) => Grain(type).ResetAsync();

    /// <summary>In memory the statistics grain's own state is all there is; nothing to rebuild from.</summary>
    public Task<StrategyHistory?> LoadStrategyAsync(ErrorType type, string strategyId, StrategyHistoryRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<StrategyHistory?>(null);

    private IRecoveryHistoryGrain Grain(ErrorType type) => grains.GetGrain<IRecoveryHistoryGrain>(type.ToName());
}
