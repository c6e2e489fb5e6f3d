using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RecoveryCluster.Persistence;

namespace RecoveryCluster.DurableTests;

[Collection(DurableCollection.Name)]
public sealed class SchemaTests(SharedPostgres postgres)
{
    /// <summary>Every query key the three ADO.NET providers read at start.</summary>
    private static readonly string[] ProviderQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task The_schema_applies_once_and_a_second_run_or_a_rerun_of_every_script_changes_nothing()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db);
        var migrator = new SchemaMigrator(source, NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), first);
        var catalog = await CatalogAsync(db);

        Assert.Empty(await migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal(catalog, await CatalogAsync(db));

        // The scripts themselves are idempotent too: a past that applied a script without recording it cannot break a start.
        foreach (var script in SchemaMigrator.Scripts)
        {
            await Database.ExecuteAsync(db, script.Sql);
        }

        Assert.Equal(catalog, await CatalogAsync(db));
        Assert.Equal(SchemaMigrator.Scripts.Count, await Database.ScalarAsync<int>(db, "SELECT count(*) FROM rc_schema_migrations"));
    }

    [Fact]
    public async Task Three_silos_migrating_at_once_apply_each_version_exactly_once()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => new SchemaMigrator(source, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None))));

        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), results.SelectMany(r => r).Order());
        Assert.Equal(SchemaMigrator.Scripts.Count, await Database.ScalarAsync<int>(db, "SELECT count(*) FROM rc_schema_migrations"));
    }

    [Fact]
    public async Task Every_query_the_providers_read_is_present()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db);
        await new SchemaMigrator(source, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        var keys = (await Database.RowsAsync(db, "SELECT QueryKey FROM OrleansQuery")).Select(r => (string)r[0]!).ToHashSet();
        Assert.Equal([], ProviderQueryKeys.Except(keys).ToArray());
    }

    /// <summary>Tables, columns, indexes, functions and stored queries: what a change to the schema would change.</summary>
    private static async Task<List<string>> CatalogAsync(string db)
    {
        var rows = await Database.RowsAsync(db, """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
              FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'function ' || p.proname || ' ' || md5(p.prosrc)
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL SELECT 'query ' || QueryKey || ' ' || md5(QueryText) FROM OrleansQuery
            """);
        return [.. rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];
    }
}
