using Npgsql;
using RecoveryCluster.Audit;
using RecoveryCluster.Grains.Audit;

namespace RecoveryCluster.Persistence;

/// <summary>Durable mode's audit trail: one committed row in <c>operator_audit</c> per operator action.</summary>
public sealed class PostgresAuditTrail(NpgsqlDataSource database) : IAuditTrail
{
    public bool IsDurable => true;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = database.CreateCommand("""
            INSERT INTO operator_audit (entry_id, at, key_name, action, route, target, status, result, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = entry.EntryId });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Timestamp.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.KeyName });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Action });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Route });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Target });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Status });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Result });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Detail ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = database.CreateCommand("""
            SELECT entry_id, at, key_name, action, route, target, status, result, detail
              FROM operator_audit ORDER BY at DESC, seq DESC LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return entries;
    }
}
