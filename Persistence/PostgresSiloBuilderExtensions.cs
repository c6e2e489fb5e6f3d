using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Audit;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;

namespace RecoveryCluster.Persistence;

/// <summary>Durable mode: clustering, grain state, reminders and the recovery history on one PostgreSQL database.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql; the providers default to SQL Server without it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Wires the silo to PostgreSQL. The schema must be in place before the silo starts (<see cref="SchemaMigrator"/>),
    /// since the clustering provider reads its queries at start. The history, journal, error list and audit trail share
    /// one <see cref="NpgsqlDataSource"/> from the container, which disposes it with the host.
    /// </summary>
    public static ISiloBuilder UseRecoveryClusterPostgres(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Recovery, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;

            // A cleared state (an error retention forgot) leaves no row behind.
            o.DeleteStateOnClear = true;

            // Orleans' own serializer: the state types are [GenerateSerializer] with stable ids, so they version safely.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });

        // Database errors cross grain calls with their message (a call from another silo would otherwise fail to encode them).
        silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        silo.Services.AddNpgsqlDataSource(connectionString);
        silo.Services.AddOptions<HistoryWriterOptions>().BindConfiguration(HistoryWriterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddSingleton<PostgresHistoryStore>(sp => ActivatorUtilities.CreateInstance<PostgresHistoryStore>(sp, sp.GetRequiredService<RecoveryClock>().TimeProvider));
        silo.Services.AddSingleton<IRecoveryHistoryStore>(sp => sp.GetRequiredService<PostgresHistoryStore>());
        silo.Services.AddSingleton<IAuditTrail, PostgresAuditTrail>();
        silo.Services.AddSingleton<IErrorStateJournal>(sp =>
            ActivatorUtilities.CreateInstance<PostgresErrorStateJournal>(sp, sp.GetRequiredService<RecoveryClock>().TimeProvider));
        silo.Services.AddSingleton<IErrorList, PostgresErrorList>();
        silo.Services.AddHostedService<ErrorListBackfill>();
        return silo;
    }
}
