using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.History;

namespace RecoveryCluster.Persistence;

/// <summary>Durable mode: the recovery history in PostgreSQL, appended with group commit and queried in SQL.</summary>
public sealed class PostgresHistoryStore : IRecoveryHistoryStore, IAsyncDisposable
{
    private readonly GroupCommitWriter<RecoveryRecord> _writer;
    private readonly HistoryReader _reader;

    public PostgresHistoryStore(
        NpgsqlDataSource database, StrategyCatalog catalog, IOptions<HistoryWriterOptions> options, TimeProvider time, ILogger<PostgresHistoryStore> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        var settings = options.Value;
        _writer = new GroupCommitWriter<RecoveryRecord>(
            "recovery records",
            async (batch, token) =>
            {
                await using var command = HistoryBatchSql.Command(database, batch, catalog);
                await command.ExecuteNonQueryAsync(token);
                return new Exception?[batch.Count];
            },
            error => new HistoryUnavailableException(
                $"The recovery history could not be written to PostgreSQL ({error.Message}); nothing was acknowledged, retry the call."),
            settings.ToGroupCommit(), time, logger);
        _reader = new HistoryReader(database);
    }

    public string Provider => "postgresql";

    public bool IsDurable => true;

    public HistoryStoreHealth Health => new(_writer.LastError is null, _writer.Pending, _writer.OldestPendingSeconds, _writer.LastError);

    public Task AppendAsync(RecoveryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.RecordId is null || record.RecordId == Guid.Empty)
        {
            throw new ArgumentException("A history record needs its RecordId.", nameof(record));
        }

        return _writer.AppendAsync(record, cancellationToken);
    }

    public Task<IReadOnlyList<RecoveryRecord>> QueryAsync(ErrorType? type, HistoryQuery query, CancellationToken cancellationToken = default) =>
        Unavailable(() => _reader.QueryAsync(type, query, cancellationToken));

    public Task<RecoveryMetrics> MetricsAsync(ErrorType? type, string? strategyId, DateTimeOffset? since, CancellationToken cancellationToken = default) =>
        Unavailable(() => _reader.MetricsAsync(type, strategyId, since, cancellationToken));

    public Task ResetAsync(ErrorType type, CancellationToken cancellationToken = default) =>
        Unavailable(async () =>
        {
            await _reader.ResetAsync(type, cancellationToken);
            return true;
        });

    public Task<StrategyHistory?> LoadStrategyAsync(ErrorType type, string strategyId, StrategyHistoryRequest request, CancellationToken cancellationToken = default) =>
        Unavailable<StrategyHistory?>(async () => await _reader.LoadStrategyAsync(type, strategyId, request, cancellationToken));

    public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        Unavailable(() => _reader.DeleteOlderThanAsync(before, limit, cancellationToken));

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>A database failure reaches callers (grains, HTTP) as one clear, retryable exception type.</summary>
    private static async Task<T> Unavailable<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (NpgsqlException error)
        {
            throw new HistoryUnavailableException($"The recovery history in PostgreSQL could not be read: {error.Message}");
        }
    }
}
