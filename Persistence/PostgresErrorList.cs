using System.Text;
using Npgsql;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Persistence;

/// <summary>
/// Durable mode's error list: the summary columns of <c>error_state</c>, which the error journal writes with each
/// change (<see cref="PostgresErrorStateJournal"/>). Reads are SQL over indexes, pages are keyset pages, so their cost
/// follows the page size, not the number of errors ever seen.
/// </summary>
public sealed class PostgresErrorList(NpgsqlDataSource database) : IErrorList
{
    /// <summary>
    /// How old the status counts may be. Counting every row is linear in the errors stored (about 0.1–0.3 s at a
    /// million on two cores), so a silo counts at most once per this however many people and pages ask.
    /// </summary>
    public static readonly TimeSpan CountsMaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _countsGate = new();
    private Task<ErrorCounts>? _counting;
    private long _countedAt;

    /// <summary>Nothing to do: the error's journal row, committed before the grain answered, already carries its line.</summary>
    public void Upsert(ErrorSummary summary)
    {
    }

    public async Task<ErrorPage> QueryAsync(ErrorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var sql = new StringBuilder($"SELECT {ErrorListColumns.Select} FROM error_state WHERE last_seen IS NOT NULL");
        await using var command = database.CreateCommand();
        if (query.Status is { } status)
        {
            sql.Append(" AND status = ").Append(Parameter(command, ErrorListColumns.Name(status)));
        }

        if (query.Type is { } type)
        {
            sql.Append(" AND error_type = ").Append(Parameter(command, type.ToName()));
        }

        if (query.Component is { } component)
        {
            sql.Append(" AND component = ").Append(Parameter(command, component));
        }

        if (query.SeenBefore is { } seenBefore)
        {
            sql.Append(" AND last_seen < ").Append(Parameter(command, seenBefore));
        }

        if (query.After is { } after)
        {
            var seen = Parameter(command, after.LastSeen);
            sql.Append($" AND (last_seen < {seen} OR (last_seen = {seen} AND error_id COLLATE \"C\" > {Parameter(command, after.ErrorId)}))");
        }

        sql.Append(" ORDER BY last_seen DESC, error_id COLLATE \"C\" LIMIT ").Append(Parameter(command, (long)query.Limit));
        command.CommandText = sql.ToString();
        return ErrorPage.Of(await ReadAllAsync(command, cancellationToken), query.Limit);
    }

    /// <summary>Nothing to do: the journal row, the line with it, went when the error was forgotten.</summary>
    public Task RemoveAsync(IReadOnlyList<string> errorIds) => Task.CompletedTask;

    /// <summary>The counts of the last count younger than <see cref="CountsMaxAge"/> (wall time); one count at a time.</summary>
    public Task<ErrorCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        lock (_countsGate)
        {
            if (_counting is null || _counting.IsFaulted || _counting.IsCanceled
                || (_counting.IsCompleted && time.GetElapsedTime(_countedAt) >= CountsMaxAge))
            {
                _countedAt = time.GetTimestamp();
                _counting = CountNowAsync(database);
            }

            return _counting;
        }
    }

    private static async Task<ErrorCounts> CountNowAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand($"""
            SELECT count(*),
                   count(*) FILTER (WHERE status <> '{ErrorListColumns.Name(ErrorStatus.Resolved)}'),
                   count(*) FILTER (WHERE status = '{ErrorListColumns.Name(ErrorStatus.Escalated)}')
              FROM error_state WHERE last_seen IS NOT NULL
            """);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new ErrorCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        catch (NpgsqlException error)
        {
            throw Unavailable(error);
        }
    }

    public async Task<IReadOnlyList<ErrorSummary>> FindAsync(
        IReadOnlyCollection<string> errorIds, ErrorType? type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errorIds);
        if (errorIds.Count == 0)
        {
            return [];
        }

        await using var command = database.CreateCommand(
            $"SELECT {ErrorListColumns.Select} FROM error_state WHERE error_id = ANY($1) AND last_seen IS NOT NULL AND ($2::text IS NULL OR error_type = $2)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. errorIds] });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = type?.ToName() });
        return await ReadAllAsync(command, cancellationToken);
    }

    private static string Parameter<T>(NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<ErrorSummary>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var rows = new List<ErrorSummary>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(ErrorListColumns.Read(reader));
            }

            return rows;
        }
        catch (NpgsqlException error)
        {
            throw Unavailable(error);
        }
    }

    private static HistoryUnavailableException Unavailable(NpgsqlException error) =>
        new($"The error list could not be read from PostgreSQL: {error.Message}");
}
