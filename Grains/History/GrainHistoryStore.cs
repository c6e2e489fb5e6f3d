using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Grains.PerSilo;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>
/// Dev mode: the history lives in one <see cref="IRecoveryHistoryGrain"/> per error type, in memory. Nothing here
/// outlives the cluster, so appends leave the answer path: they go in the silo's next batch
/// (<see cref="RecoveryOptions.BatchInterval"/>), and a read through this silo first waits for this silo's pending ones.
/// </summary>
public sealed class GrainHistoryStore : IRecoveryHistoryStore
{
    private const int Capacity = 100_000;
    private static readonly HistoryStoreHealth Healthy = new(Reachable: true, PendingRecords: 0, OldestPendingSeconds: 0, LastError: null);
    private readonly IGrainFactory _grains;
    private readonly OutboundBatcher<RecoveryRecord> _appends;

    public GrainHistoryStore(IGrainFactory grains, IOptions<RecoveryOptions> options, ILogger<GrainHistoryStore> logger)
    {
        _grains = grains;
        _appends = new OutboundBatcher<RecoveryRecord>("history records", SendAsync, options.Value.BatchInterval, Capacity, logger);
    }

    public string Provider => "memory";

    public bool IsDurable => false;

    public HistoryStoreHealth Health => Healthy;

    public Task AppendAsync(RecoveryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _appends.Enqueue(record.ErrorType.ToName(), record);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<RecoveryRecord>> QueryAsync(ErrorType? type, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        await _appends.FlushAsync();
        return await RecoveryHistory.QueryAsync(_grains, type, query);
    }

    public async Task<RecoveryMetrics> MetricsAsync(ErrorType? type, string? strategyId, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        var records = await QueryAsync(type, new HistoryQuery(strategyId, since, int.MaxValue), cancellationToken);
        return RecoveryMetrics.Compute(records);
    }

    public async Task ResetAsync(ErrorType type, CancellationToken cancellationToken = default)
    {
        await _appends.FlushAsync();
        await Grain(type.ToName()).ResetAsync();
    }

    /// <summary>Nothing: in memory each error type keeps its newest records only (<see cref="RecoveryHistoryGrain.Kept"/>).</summary>
    public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) => Task.FromResult(0);

    /// <summary>Completes when every record appended through this silo before the call has reached its history grain.</summary>
    public Task FlushAsync() => _appends.FlushAsync();

    /// <summary>In memory the statistics grain's own state is all there is; nothing to rebuild from.</summary>
    public Task<StrategyHistory?> LoadStrategyAsync(ErrorType type, string strategyId, StrategyHistoryRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<StrategyHistory?>(null);

    private async Task SendAsync(string type, IReadOnlyList<RecoveryRecord> records)
    {
        foreach (var chunk in records.Chunk(Limits.MaxSiloBatch))
        {
            await Grain(type).AppendManyAsync(chunk);
        }
    }

    private IRecoveryHistoryGrain Grain(string type) => _grains.GetGrain<IRecoveryHistoryGrain>(type);
}
