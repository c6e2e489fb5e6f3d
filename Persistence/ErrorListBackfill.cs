using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;

namespace RecoveryCluster.Persistence;

/// <summary>
/// Fills in the error-list columns of rows written before they existed (006_error_list.sql), from each row's state, in
/// batches, once per silo start. A row whose state changed meanwhile is left alone: its new write carries its line.
/// Silos starting together may both fill a row; they write the same values.
/// </summary>
public sealed partial class ErrorListBackfill(NpgsqlDataSource database, Serializer serializer, ILogger<ErrorListBackfill> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private const string FillSql = """
        UPDATE error_state AS e
           SET error_type = f.error_type, severity = f.severity, component = f.component, operation = f.operation,
               message = f.message, status = f.status, level = f.level, aggregated_count = f.aggregated_count,
               first_seen = f.first_seen, last_seen = f.last_seen, regressions = f.regressions, revision = f.revision
          FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                      $9::int2[], $10::int8[], $11::timestamptz[], $12::timestamptz[], $13::int4[], $14::int8[])
               AS f(error_id, version, error_type, severity, component, operation, message, status, level,
                    aggregated_count, first_seen, last_seen, regressions, revision)
         WHERE e.error_id = f.error_id AND e.version = f.version AND e.last_seen IS NULL
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            long filled = 0;
            var after = string.Empty;
            while (await FillBatchAsync(after, stoppingToken) is { } last)
            {
                filled += last.Count;
                after = last.LastErrorId;
            }

            if (filled > 0)
            {
                LogFilled(filled);
            }
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            // The next start tries again; until then those errors are listed from their next change.
            LogFailed(error);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Fills the next batch of rows after <paramref name="after"/> (by id); null when none is left.</summary>
    private async Task<(int Count, string LastErrorId)?> FillBatchAsync(string after, CancellationToken cancellationToken)
    {
        var rows = new List<(string ErrorId, long Version, ErrorSummary Line)>();
        var last = after;
        await using (var select = database.CreateCommand($"""
            SELECT error_id, version, state FROM error_state
             WHERE last_seen IS NULL AND error_id COLLATE "C" > $1 ORDER BY error_id COLLATE "C" LIMIT {BatchSize}
            """))
        {
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetString(0);
                if (serializer.Deserialize<ErrorState>(reader.GetFieldValue<byte[]>(2)) is { Reported: true } state)
                {
                    rows.Add((last, reader.GetInt64(1), state.ToSummary(last)));
                }
            }
        }

        if (last == after)
        {
            return null;
        }

        await using var fill = database.CreateCommand(FillSql);
        fill.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.ErrorId)] });
        fill.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.Version)] });
        ErrorListColumns.AddParameters(fill, [.. rows.Select(r => r.Line)]);
        await fill.ExecuteNonQueryAsync(cancellationToken);
        return (rows.Count, last);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Count} errors stored before the error list had columns of its own.")]
    private partial void LogFilled(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Filling in the error list's columns failed; the next start tries again.")]
    private partial void LogFailed(Exception error);
}
