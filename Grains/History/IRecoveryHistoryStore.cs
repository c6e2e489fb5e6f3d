using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>
/// Where recovery attempts are recorded and queried: grains in memory (dev mode) or the <c>recovery_performance</c>
/// table on PostgreSQL (durable mode). <see cref="AppendAsync"/> completes only once the record is as durable as the
/// store can make it, so an error grain acknowledges an outcome after it.
/// </summary>
public interface IRecoveryHistoryStore
{
    /// <summary>Short name for diagnostics: <c>memory</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    bool IsDurable { get; }

    Task AppendAsync(RecoveryRecord record, CancellationToken cancellationToken = default);

    /// <summary>Matching records of one type or all types, newest first.</summary>
    Task<IReadOnlyList<RecoveryRecord>> QueryAsync(ErrorType? type, HistoryQuery query, CancellationToken cancellationToken = default);

    Task<RecoveryMetrics> MetricsAsync(ErrorType? type, string? strategyId, DateTimeOffset? since, CancellationToken cancellationToken = default);

    /// <summary>Forgets the history of one error type (the learning starts again).</summary>
    Task ResetAsync(ErrorType type, CancellationToken cancellationToken = default);

    /// <summary>
    /// The counted facts of one (type, strategy) pair, for a statistics grain to rebuild itself on activation; null
    /// when the store keeps nothing the grain's own state does not already hold.
    /// </summary>
    Task<StrategyHistory?> LoadStrategyAsync(ErrorType type, string strategyId, StrategyHistoryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="limit"/> records older than <paramref name="before"/>; returns how many (retention).</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    HistoryStoreHealth Health { get; }
}
