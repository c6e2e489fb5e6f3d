using System.Text;
using System.Text.Json;
using Npgsql;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.History;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Persistence;

/// <summary>The history's queries: pages of records, metrics from the hourly totals, and a pair's rebuild.</summary>
internal sealed class HistoryReader(NpgsqlDataSource database)
{
    private const string RecordColumns = """
        record_id, error_id, error_type, strategy_id, level, attempt, success, execution_time, affected_tasks,
        recovered_tasks, resource_usage::text, impact_score, stability_score, hardware_id, worker_id, component,
        "timestamp", resolved_error, timed_out
        """;

    public async Task<IReadOnlyList<RecoveryRecord>> QueryAsync(ErrorType? type, HistoryQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var sql = new StringBuilder($"SELECT {RecordColumns} FROM recovery_performance WHERE true");
        if (type is { } t)
        {
            sql.Append(" AND error_type = ").Append(Parameter(command, t.ToName()));
        }

        if (query.StrategyId is { } strategy)
        {
            sql.Append(" AND strategy_id = ").Append(Parameter(command, strategy));
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND \"timestamp\" >= ").Append(Parameter(command, since.UtcDateTime));
        }

        sql.Append(" ORDER BY \"timestamp\" DESC, id DESC LIMIT ").Append(Parameter(command, (long)query.Limit));
        command.CommandText = sql.ToString();
        var records = new List<RecoveryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    /// <summary>
    /// Metrics from the hourly totals; when <paramref name="since"/> falls inside an hour, that hour's part comes
    /// from the rows themselves, so the figures are exact and the scan is at most one hour long.
    /// </summary>
    public async Task<RecoveryMetrics> MetricsAsync(ErrorType? type, string? strategyId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var filter = new StringBuilder();
        if (type is { } t)
        {
            filter.Append(" AND error_type = ").Append(Parameter(command, t.ToName()));
        }

        if (strategyId is not null)
        {
            filter.Append(" AND strategy_id = ").Append(Parameter(command, strategyId));
        }

        string sql;
        if (since is { } from)
        {
            var fromUtc = from.UtcDateTime;
            var firstFullHour = new DateTime(fromUtc.Ticks - fromUtc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
            if (firstFullHour < fromUtc)
            {
                firstFullHour = firstFullHour.AddHours(1);
            }

            var fromParameter = Parameter(command, fromUtc);
            var hourParameter = Parameter(command, firstFullHour);
            sql = $"""
                SELECT error_type, strategy_id, level, sum(executions), sum(successes), sum(resolved), sum(total_seconds), sum(total_impact)
                  FROM (SELECT error_type, strategy_id, level, executions, successes, resolved, total_seconds, total_impact
                          FROM recovery_hourly WHERE bucket >= {hourParameter}{filter}
                        UNION ALL
                        SELECT error_type, strategy_id, level, 1, success::int, resolved_error::int, execution_time, impact_score
                          FROM recovery_performance
                         WHERE "timestamp" >= {fromParameter} AND "timestamp" < {hourParameter}{filter}) totals
                 GROUP BY error_type, strategy_id, level
                """;
        }
        else
        {
            sql = $"""
                SELECT error_type, strategy_id, level, sum(executions), sum(successes), sum(resolved), sum(total_seconds), sum(total_impact)
                  FROM recovery_hourly WHERE true{filter}
                 GROUP BY error_type, strategy_id, level
                """;
        }

        command.CommandText = sql;
        var rows = new List<MetricsRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MetricsRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt16(2), ToLong(reader.GetValue(3)), ToLong(reader.GetValue(4)),
                ToLong(reader.GetValue(5)), reader.GetDouble(6), reader.GetDouble(7)));
        }

        return MetricsRow.ToMetrics(rows);
    }

    public async Task<StrategyHistory> LoadStrategyAsync(ErrorType type, string strategyId, StrategyHistoryRequest request, CancellationToken cancellationToken)
    {
        var typeName = type.ToName();
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(
            "SELECT coalesce(sum(executions), 0), coalesce(sum(successes), 0) FROM recovery_hourly WHERE error_type = $1 AND strategy_id = $2",
            typeName, strategyId));
        batch.BatchCommands.Add(Command("""
            SELECT bucket, sum(executions), sum(successes), sum(total_seconds)
              FROM recovery_hourly WHERE error_type = $1 AND strategy_id = $2
             GROUP BY bucket ORDER BY bucket DESC LIMIT $3
            """, typeName, strategyId, request.HourlyBucketsKept));
        batch.BatchCommands.Add(Command("""
            SELECT hardware_id, executions, successes
              FROM recovery_hardware WHERE error_type = $1 AND strategy_id = $2
            """, typeName, strategyId));
        batch.BatchCommands.Add(Command("""
            SELECT record_id, success, execution_time, affected_tasks, recovered_tasks, impact_score, stability_score,
                   hardware_id, timed_out, level, "timestamp"
              FROM recovery_performance WHERE error_type = $1 AND strategy_id = $2
             ORDER BY id DESC LIMIT $3
            """, typeName, strategyId, Math.Max(request.WindowSize, request.RecentRecordIds)));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = ToLong(reader.GetValue(0));
        var successes = ToLong(reader.GetValue(1));

        await reader.NextResultAsync(cancellationToken);
        var trend = new List<TimeBucketStats>();
        while (await reader.ReadAsync(cancellationToken))
        {
            trend.Add(new TimeBucketStats(
                new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), ToLong(reader.GetValue(1)), ToLong(reader.GetValue(2)), reader.GetDouble(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        var hardware = new List<HardwareStats>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hardware.Add(new HardwareStats(reader.GetString(0), ToLong(reader.GetValue(1)), ToLong(reader.GetValue(2))));
        }

        await reader.NextResultAsync(cancellationToken);
        var latest = new List<StrategyExecution>();
        while (await reader.ReadAsync(cancellationToken))
        {
            latest.Add(new StrategyExecution(
                reader.GetBoolean(1), Seconds(reader.GetDouble(2)), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetBoolean(8), (RecoveryLevel)reader.GetInt16(9), new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero),
                reader.GetGuid(0)));
        }

        latest.Reverse();
        trend.Reverse();
        return new StrategyHistory(
            total, successes, [.. latest.TakeLast(request.WindowSize)], trend, hardware,
            [.. latest.TakeLast(request.RecentRecordIds).Select(e => e.RecordId!.Value)]);
    }

    public async Task ResetAsync(ErrorType type, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("DELETE FROM recovery_performance WHERE error_type = $1", type.ToName()));
        batch.BatchCommands.Add(Command("DELETE FROM recovery_hourly WHERE error_type = $1", type.ToName()));
        batch.BatchCommands.Add(Command("DELETE FROM recovery_hardware WHERE error_type = $1", type.ToName()));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The oldest rows first; the hourly aggregates stay.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM recovery_performance WHERE id IN (
                SELECT id FROM recovery_performance WHERE "timestamp" < $1 ORDER BY "timestamp" LIMIT $2)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static RecoveryRecord ReadRecord(NpgsqlDataReader reader)
    {
        var usage = reader.IsDBNull(10) ? null : JsonSerializer.Deserialize<ResourceUsageJson>(reader.GetString(10), HistoryJson.Options);
        return new RecoveryRecord(
            reader.GetString(1), ErrorTypeNames.Parse(reader.GetString(2)), reader.GetString(3), (RecoveryLevel)reader.GetInt16(4),
            reader.GetInt32(5), reader.GetBoolean(6), Seconds(reader.GetDouble(7)), reader.GetInt32(8), reader.GetInt32(9),
            usage?.Before, usage?.After, reader.GetDouble(11), reader.IsDBNull(12) ? null : reader.GetDouble(12),
            reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14), reader.GetString(15),
            new DateTimeOffset(reader.GetDateTime(16), TimeSpan.Zero), reader.GetBoolean(17), reader.GetGuid(0), reader.GetBoolean(18));
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>Adds a positional parameter and returns its placeholder.</summary>
    private static string Parameter(NpgsqlCommand command, object value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Seconds as stored back to the tick they were written from (a plain conversion can land one tick short).</summary>
    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    /// <summary>sum() of bigint is numeric in PostgreSQL.</summary>
    private static long ToLong(object value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}
