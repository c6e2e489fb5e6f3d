using Npgsql;
using NpgsqlTypes;

namespace RecoveryCluster.Benchmarks.History;

/// <summary>
/// Fills <c>recovery_performance</c> with a seeded month of history through binary COPY, then derives
/// <c>recovery_hourly</c> and <c>recovery_hardware</c> from it as the group-committed writer would have.
/// </summary>
internal static class HistoryLoader
{
    public static readonly string[] Types = ["network", "database", "timeout", "resource", "gpu", "memory", "disk", "permission"];
    public static readonly string[] Strategies = ["retry", "backoff_retry", "reconnect", "reset_connection", "restart_component", "clear_cache", "failover", "scale_out", "reallocate", "isolate"];
    public static readonly DateTime End = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    public static async Task LoadAsync(NpgsqlDataSource database, int rows, int seed)
    {
        var random = new Random(seed);
        var start = End.AddDays(-30);
        var span = (End - start).Ticks;
        await using (var connection = await database.OpenConnectionAsync())
        {
            await using var writer = await connection.BeginBinaryImportAsync("""
                COPY recovery_performance (record_id, strategy_id, strategy_name, error_type, execution_time, success,
                    "timestamp", hardware_id, affected_tasks, recovered_tasks, impact_score, stability_score, context,
                    error_id, level, attempt, worker_id, component, resolved_error, timed_out) FROM STDIN (FORMAT BINARY)
                """);
            for (var i = 0; i < rows; i++)
            {
                var at = start.AddTicks((long)(random.NextDouble() * span));
                var strategy = Strategies[random.Next(Strategies.Length)];
                var affected = random.Next(0, 10);
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                await writer.WriteAsync(strategy, NpgsqlDbType.Text);
                await writer.WriteAsync(strategy, NpgsqlDbType.Text);
                await writer.WriteAsync(Types[random.Next(Types.Length)], NpgsqlDbType.Text);
                await writer.WriteAsync(random.NextDouble() * 10, NpgsqlDbType.Double);
                await writer.WriteAsync(random.NextDouble() < 0.7, NpgsqlDbType.Boolean);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync($"host-{random.Next(0, 50)}", NpgsqlDbType.Text);
                await writer.WriteAsync(affected, NpgsqlDbType.Integer);
                await writer.WriteAsync(random.Next(0, affected + 1), NpgsqlDbType.Integer);
                await writer.WriteAsync(random.NextDouble(), NpgsqlDbType.Double);
                await writer.WriteAsync(random.NextDouble(), NpgsqlDbType.Double);
                await writer.WriteAsync("{\"component\":\"bench\"}", NpgsqlDbType.Jsonb);
                await writer.WriteAsync($"error-{random.Next(0, 2000)}", NpgsqlDbType.Text);
                await writer.WriteAsync((short)random.Next(1, 6), NpgsqlDbType.Smallint);
                await writer.WriteAsync(random.Next(1, 20), NpgsqlDbType.Integer);
                await writer.WriteAsync($"worker-{random.Next(0, 200)}", NpgsqlDbType.Text);
                await writer.WriteAsync($"component-{random.Next(0, 40)}", NpgsqlDbType.Text);
                await writer.WriteAsync(random.NextDouble() < 0.5, NpgsqlDbType.Boolean);
                await writer.WriteAsync(random.NextDouble() < 0.05, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }

        await using var hourly = database.CreateCommand("""
            INSERT INTO recovery_hourly (bucket, error_type, strategy_id, level, executions, successes, resolved, total_seconds, total_impact)
            SELECT date_trunc('hour', "timestamp", 'UTC'), error_type, strategy_id, level,
                   count(*), count(*) FILTER (WHERE success), count(*) FILTER (WHERE resolved_error), sum(execution_time), sum(impact_score)
              FROM recovery_performance GROUP BY 1, 2, 3, 4;
            INSERT INTO recovery_hardware (error_type, strategy_id, hardware_id, executions, successes)
            SELECT error_type, strategy_id, hardware_id, count(*), count(*) FILTER (WHERE success)
              FROM recovery_performance WHERE hardware_id IS NOT NULL GROUP BY 1, 2, 3;
            ANALYZE recovery_hardware;
            ANALYZE recovery_performance;
            ANALYZE recovery_hourly;
            """);
        hourly.CommandTimeout = 600;
        await hourly.ExecuteNonQueryAsync();
    }
}
