using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RecoveryCluster.Persistence;

/// <summary>
/// Applies the embedded schema scripts (Schema/NNN_name.sql) in order, each once, recorded in
/// <c>rc_schema_migrations</c>. Silos starting together take turns through an advisory lock, so exactly one of them
/// applies a version; the scripts are idempotent as well, so a half-applied past cannot break a start.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource database, ILogger<SchemaMigrator> logger)
{
    /// <summary>Any fixed number, shared by every silo of every version of this project.</summary>
    private const long MigrationLockKey = 0x5243_4D49_4752; // "RCMIGR"

    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>Applies what is missing; returns the versions this call applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS rc_schema_migrations (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            foreach (var script in Scripts.Where(s => applied.TryGetValue(s.Version, out var checksum) && checksum != s.Checksum))
            {
                // An applied script is never run again: a changed one needs a new version to take effect.
                LogChangedScript(script.Version, script.Name);
            }

            var appliedNow = new List<int>();
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO rc_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = script.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = script.Name });
                    record.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                appliedNow.Add(script.Version);
                LogApplied(script.Version, script.Name);
            }

            return appliedNow;
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    /// <summary>Applied versions and the checksums they were applied with.</summary>
    private static async Task<Dictionary<int, string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM rc_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetInt32(0)] = reader.GetString(1);
        }

        return versions;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaScript> LoadScripts()
    {
        const string prefix = "RecoveryCluster.Persistence.Schema.";
        var assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^".sql".Length]))
            .OrderBy(s => s.Version)];
    }

    private static SchemaScript Load(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        return new SchemaScript(version, name, sql, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Schema version {Version} ({Name}) differs from the script applied earlier; it is not run again, so give the change a new version")]
    private partial void LogChangedScript(int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema version {Version} ({Name})")]
    private partial void LogApplied(int version, string name);
}
