using System.Text.Json;
using Npgsql;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.History;

namespace RecoveryCluster.Persistence;

/// <summary>
/// One batch of history records as one statement: the rows, their hourly and per-machine totals, atomic. A record whose id is
/// already stored (a batch retried after a lost commit reply) is skipped, so its totals are not counted twice.
/// </summary>
internal static class HistoryBatchSql
{
    private const string Sql = """
        WITH batch AS (
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::bool[],
                                 $7::timestamptz[], $8::text[], $9::int4[], $10::int4[], $11::text[], $12::float8[],
                                 $13::float8[], $14::text[], $15::text[], $16::int2[], $17::int4[], $18::text[],
                                 $19::text[], $20::bool[], $21::bool[])
                   AS b(record_id, strategy_id, strategy_name, error_type, execution_time, success, at, hardware_id,
                        affected_tasks, recovered_tasks, resource_usage, impact_score, stability_score, context,
                        error_id, level, attempt, worker_id, component, resolved_error, timed_out)),
        inserted AS (
            INSERT INTO recovery_performance (record_id, strategy_id, strategy_name, error_type, execution_time, success,
                "timestamp", hardware_id, affected_tasks, recovered_tasks, resource_usage, impact_score, stability_score,
                context, error_id, level, attempt, worker_id, component, resolved_error, timed_out)
            SELECT record_id, strategy_id, strategy_name, error_type, execution_time, success, at, hardware_id,
                   affected_tasks, recovered_tasks, resource_usage::jsonb, impact_score, stability_score, context::jsonb,
                   error_id, level, attempt, worker_id, component, resolved_error, timed_out
              FROM batch
            ON CONFLICT (record_id) DO NOTHING
            RETURNING "timestamp", error_type, strategy_id, level, hardware_id, success, resolved_error,
                      execution_time, impact_score),
        hourly AS (
            INSERT INTO recovery_hourly (bucket, error_type, strategy_id, level, executions, successes, resolved,
                                         total_seconds, total_impact)
            SELECT date_trunc('hour', "timestamp", 'UTC'), error_type, strategy_id, level,
                   count(*), count(*) FILTER (WHERE success), count(*) FILTER (WHERE resolved_error),
                   sum(execution_time), sum(impact_score)
              FROM inserted
             GROUP BY 1, 2, 3, 4
             -- One lock order for every writer, so silos adding to the same totals never deadlock.
             ORDER BY 2, 3, 1, 4
            ON CONFLICT (error_type, strategy_id, bucket, level) DO UPDATE
               SET executions = recovery_hourly.executions + excluded.executions,
                   successes = recovery_hourly.successes + excluded.successes,
                   resolved = recovery_hourly.resolved + excluded.resolved,
                   total_seconds = recovery_hourly.total_seconds + excluded.total_seconds,
                   total_impact = recovery_hourly.total_impact + excluded.total_impact)
        INSERT INTO recovery_hardware (error_type, strategy_id, hardware_id, executions, successes)
        SELECT error_type, strategy_id, hardware_id, count(*), count(*) FILTER (WHERE success)
          FROM inserted
         WHERE hardware_id IS NOT NULL
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
        ON CONFLICT (error_type, strategy_id, hardware_id) DO UPDATE
           SET executions = recovery_hardware.executions + excluded.executions,
               successes = recovery_hardware.successes + excluded.successes
        """;

    public static NpgsqlCommand Command(NpgsqlDataSource database, IReadOnlyList<RecoveryRecord> records, StrategyCatalog catalog)
    {
        var command = database.CreateCommand(Sql);
        Add(command, records, r => r.RecordId!.Value);
        Add(command, records, r => r.StrategyId);
        Add(command, records, r => catalog.TryGet(r.StrategyId, out var d) ? d.Name : r.StrategyId);
        Add(command, records, r => r.ErrorType.ToName());
        Add(command, records, r => r.ExecutionTime.TotalSeconds);
        Add(command, records, r => r.Success);
        Add(command, records, r => r.Timestamp.UtcDateTime);
        Add(command, records, r => r.HardwareId);
        Add(command, records, r => r.AffectedTasks);
        Add(command, records, r => r.RecoveredTasks);
        Add(command, records, r => r.Before is null && r.After is null ? null : JsonSerializer.Serialize(new ResourceUsageJson(r.Before, r.After), HistoryJson.Options));
        Add(command, records, r => r.ImpactScore);
        Add(command, records, r => r.StabilityScore);
        Add(command, records, r => JsonSerializer.Serialize(new RecordContextJson(r.Component, r.WorkerId, r.ResolvedError), HistoryJson.Options));
        Add(command, records, r => r.ErrorId);
        Add(command, records, r => (short)r.Level);
        Add(command, records, r => r.Attempt);
        Add(command, records, r => r.WorkerId);
        Add(command, records, r => r.Component);
        Add(command, records, r => r.ResolvedError);
        Add(command, records, r => r.TimedOut);
        return command;
    }

    private static void Add<T>(NpgsqlCommand command, IReadOnlyList<RecoveryRecord> records, Func<RecoveryRecord, T> column)
    {
        var values = new T[records.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(records[i]);
        }

        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values });
    }
}
