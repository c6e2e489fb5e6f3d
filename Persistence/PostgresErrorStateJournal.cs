using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Persistence;

/// <summary>
/// Durable mode's error journal: each change replaces the error's row in <c>error_state</c> (its state and its line in
/// the error list), many errors per commit.
/// A version may only follow the one stored (optimistic concurrency), so a stale second activation fails instead of
/// overwriting newer state.
/// </summary>
public sealed class PostgresErrorStateJournal : IErrorStateJournal, IAsyncDisposable
{
    // The summary columns are the error list (006_error_list.sql): they change with the state, in the same statement.
    private const string UpsertSql = """
        INSERT INTO error_state AS current (
            error_id, version, state, error_type, severity, component, operation, message, status, level,
            aggregated_count, first_seen, last_seen, regressions, revision)
        SELECT * FROM unnest(
            $1::text[], $2::int8[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::int2[], $11::int8[], $12::timestamptz[], $13::timestamptz[], $14::int4[], $15::int8[])
        ON CONFLICT (error_id) DO UPDATE
           SET version = excluded.version, state = excluded.state, written_at = now(),
               error_type = excluded.error_type, severity = excluded.severity, component = excluded.component,
               operation = excluded.operation, message = excluded.message, status = excluded.status,
               level = excluded.level, aggregated_count = excluded.aggregated_count, first_seen = excluded.first_seen,
               last_seen = excluded.last_seen, regressions = excluded.regressions, revision = excluded.revision
         WHERE current.version = excluded.version - 1
        RETURNING error_id
        """;

    private readonly NpgsqlDataSource _database;
    private readonly Serializer _serializer;
    private readonly GroupCommitWriter<Entry> _writer;

    public PostgresErrorStateJournal(
        NpgsqlDataSource database, Serializer serializer, IOptions<HistoryWriterOptions> options, TimeProvider time, ILogger<PostgresErrorStateJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _serializer = serializer;
        var settings = options.Value;
        _writer = new GroupCommitWriter<Entry>(
            "error states", WriteAsync,
            error => new HistoryUnavailableException(
                $"The error's state could not be written to PostgreSQL ({error.Message}); nothing was acknowledged, retry the call."),
            settings.ToGroupCommit() with { Lanes = settings.ErrorStateLanes }, time, logger);
    }

    public bool IsDurable => true;

    public Task AppendAsync(string errorId, long version, ErrorState state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorId);
        ArgumentNullException.ThrowIfNull(state);

        // Serialised now: the grain may change its state once this returns.
        return _writer.AppendAsync(new Entry(errorId, version, _serializer.SerializeToArray(state), state.ToSummary(errorId)), cancellationToken);
    }

    public async Task<ErrorState?> ReadAsync(string errorId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _database.CreateCommand("SELECT state FROM error_state WHERE error_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = errorId });
            return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? _serializer.Deserialize<ErrorState>(bytes) : null;
        }
        catch (NpgsqlException error)
        {
            throw new HistoryUnavailableException($"The error's state could not be read from PostgreSQL: {error.Message}");
        }
    }

    public async Task DeleteAsync(string errorId, long version, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _database.CreateCommand("DELETE FROM error_state WHERE error_id = $1 AND version = $2");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = errorId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException error)
        {
            throw new HistoryUnavailableException($"The error's state could not be deleted from PostgreSQL: {error.Message}");
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<Entry> batch, CancellationToken cancellationToken)
    {
        // One row per error and statement: of two versions of one error in a batch (two activations), the older loses.
        var newest = batch.GroupBy(e => e.ErrorId, StringComparer.Ordinal).Select(g => g.MaxBy(e => e.Version)!).ToArray();
        await using var command = _database.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. newest.Select(e => e.ErrorId)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. newest.Select(e => e.Version)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. newest.Select(e => e.State)] });
        ErrorListColumns.AddParameters(command, [.. newest.Select(e => e.Line)]);
        var written = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                written.Add(reader.GetString(0));
            }
        }

        return [.. batch.Select(e => written.Contains(e.ErrorId) && newest.Contains(e)
            ? null
            : (Exception?)new InconsistentStateException(
                $"Error '{e.ErrorId}' version {e.Version} was not written: another activation wrote that version or a newer one."))];
    }

    private sealed record Entry(string ErrorId, long Version, byte[] State, ErrorSummary Line);
}
