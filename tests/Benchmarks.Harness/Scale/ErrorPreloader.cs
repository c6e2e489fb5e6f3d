using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Persistence;

namespace RecoveryCluster.Benchmarks.Scale;

/// <summary>
/// Fills a fresh database with errors as a fleet that has run for a month would leave them: each row a valid state
/// with its list columns, most resolved, last seen over the past 30 days, loaded by binary COPY.
/// </summary>
public static class ErrorPreloader
{
    private const string Copy = """
        COPY error_state (error_id, version, state, error_type, severity, component, operation, message, status, level,
                          aggregated_count, first_seen, last_seen, regressions, revision) FROM STDIN (FORMAT BINARY)
        """;

    private static readonly ErrorType[] Types = [ErrorType.Network, ErrorType.Timeout, ErrorType.Database, ErrorType.Resource, ErrorType.Task];

    public static async Task LoadAsync(string connectionString, int errors, int seed)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        if (errors == 0)
        {
            return;
        }

        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var random = new Random(seed);
        var now = TimeProvider.System.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy);
        for (var i = 0; i < errors; i++)
        {
            var type = Types[random.Next(Types.Length)];
            var lastSeen = now - TimeSpan.FromSeconds(random.Next(60, 30 * 24 * 3600));
            var state = new ErrorState
            {
                Reported = true,
                Type = type,
                Severity = ErrorSeverity.Medium,
                Message = $"user {Words.Next(random)} not allowed",
                Context = new ErrorContext($"svc-{random.Next(64)}", "Save", $"worker-{random.Next(200)}"),
                FirstSeen = lastSeen - TimeSpan.FromMinutes(random.Next(1, 600)),
                LastSeen = lastSeen,
                AggregatedCount = 1 + random.Next(20),
                Status = random.NextDouble() < 0.95 ? ErrorStatus.Resolved : ErrorStatus.Open,
                Episode = 1,
                JournalVersion = 1,
                Revision = 1,
            };
            var line = state.ToSummary($"{type.ToName()}-pre{i:D8}");
            await writer.StartRowAsync();
            await writer.WriteAsync(line.ErrorId, NpgsqlDbType.Text);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            await writer.WriteAsync(serializer.SerializeToArray(state), NpgsqlDbType.Bytea);
            await writer.WriteAsync(type.ToName(), NpgsqlDbType.Text);
            await writer.WriteAsync(ErrorListColumns.Name(line.Severity), NpgsqlDbType.Text);
            await writer.WriteAsync(line.Component, NpgsqlDbType.Text);
            await writer.WriteAsync(line.Operation, NpgsqlDbType.Text);
            await writer.WriteAsync(line.Message, NpgsqlDbType.Text);
            await writer.WriteAsync(ErrorListColumns.Name(line.Status), NpgsqlDbType.Text);
            await writer.WriteNullAsync();
            await writer.WriteAsync(line.AggregatedCount, NpgsqlDbType.Bigint);
            await writer.WriteAsync(line.FirstSeen, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(line.LastSeen, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(0, NpgsqlDbType.Integer);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
        }

        await writer.CompleteAsync();
        await writer.DisposeAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE error_state", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
