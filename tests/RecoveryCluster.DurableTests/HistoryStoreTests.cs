using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.History;
using RecoveryCluster.Persistence;

namespace RecoveryCluster.DurableTests;

/// <summary>The PostgreSQL history store on a real server: group commit, exact SQL metrics, queries and rebuilds.</summary>
[Collection(DurableCollection.Name)]
public sealed class HistoryStoreTests(SharedPostgres postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Concurrent_appends_share_commits_and_each_is_stored_once_with_its_hourly_total()
    {
        var (store, db, source) = await CreateAsync();
        await using var _ = source;
        await using var __ = store;
        var records = Scripted(1000, seed: 3);

        await Task.WhenAll(records.Select(r => Task.Run(() => store.AppendAsync(r))));
        await store.AppendAsync(records[0]); // delivered twice: stored once

        Assert.Equal(1000, await Database.ScalarAsync<long>(db, "SELECT count(*) FROM recovery_performance"));
        Assert.Equal(1000, await Database.ScalarAsync<long>(db, "SELECT sum(executions) FROM recovery_hourly"));
        Assert.Equal(records.Count(r => r.Success), await Database.ScalarAsync<long>(db, "SELECT sum(successes) FROM recovery_hourly"));
        Assert.Equal(0, store.Health.PendingRecords);
        Assert.True(store.Health.Reachable);
    }

    [Fact]
    public async Task Sql_metrics_equal_the_metrics_computed_from_the_records_with_and_without_a_start_inside_an_hour()
    {
        var (store, _, source) = await CreateAsync();
        await using var __ = source;
        await using var ___ = store;
        var records = Scripted(600, seed: 11);
        foreach (var chunk in records.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(r => store.AppendAsync(r)));
        }

        AssertSame(RecoveryMetrics.Compute(records), await store.MetricsAsync(null, null, null));
        AssertSame(
            RecoveryMetrics.Compute([.. records.Where(r => r.ErrorType == ErrorType.Network && r.StrategyId == "retry")]),
            await store.MetricsAsync(ErrorType.Network, "retry", null));

        var since = Start.AddMinutes(137); // inside an hour: part from the hourly totals, part from the rows
        AssertSame(RecoveryMetrics.Compute([.. records.Where(r => r.Timestamp >= since)]), await store.MetricsAsync(null, null, since));
    }

    [Fact]
    public async Task Queries_return_the_records_as_written_newest_first_and_filtered()
    {
        var (store, _, source) = await CreateAsync();
        await using var __ = source;
        await using var ___ = store;
        var records = Scripted(200, seed: 5);
        await Task.WhenAll(records.Select(r => store.AppendAsync(r)));

        var all = await store.QueryAsync(null, new HistoryQuery(Limit: 1000));
        Assert.Equal(records.OrderByDescending(r => r.Timestamp).Select(r => r.RecordId), all.Select(r => r.RecordId));
        var stored = all.ToDictionary(r => r.RecordId!.Value);
        foreach (var record in records)
        {
            Assert.Equal(record, stored[record.RecordId!.Value]);
        }

        var since = Start.AddMinutes(100);
        var filtered = await store.QueryAsync(ErrorType.Database, new HistoryQuery("reconnect", since, 7));
        Assert.Equal(
            records.Where(r => r.ErrorType == ErrorType.Database && r.StrategyId == "reconnect" && r.Timestamp >= since)
                .OrderByDescending(r => r.Timestamp).Take(7).Select(r => r.RecordId),
            filtered.Select(r => r.RecordId));
    }

    [Fact]
    public async Task A_pair_rebuild_holds_its_totals_latest_window_hardware_and_hours()
    {
        var (store, _, source) = await CreateAsync();
        await using var __ = source;
        await using var ___ = store;
        var records = Scripted(400, seed: 9);
        foreach (var record in records)
        {
            await store.AppendAsync(record); // one at a time: the id order is the append order
        }

        var pair = records.Where(r => r.ErrorType == ErrorType.Network && r.StrategyId == "retry").ToList();
        var rebuilt = await store.LoadStrategyAsync(ErrorType.Network, "retry", new StrategyHistoryRequest(10, 1000, 50));

        Assert.NotNull(rebuilt);
        Assert.Equal(pair.Count, rebuilt.TotalExecutions);
        Assert.Equal(pair.Count(r => r.Success), rebuilt.TotalSuccesses);
        Assert.Equal(pair.TakeLast(10).Select(r => r.RecordId), rebuilt.Window.Select(e => e.RecordId));
        Assert.Equal(pair.TakeLast(50).Select(r => r.RecordId!.Value), rebuilt.RecentRecordIds);
        Assert.Equal(
            pair.Where(r => r.HardwareId is not null).GroupBy(r => r.HardwareId!).ToDictionary(g => g.Key, g => (long)g.Count()),
            rebuilt.ByHardware.ToDictionary(h => h.HardwareId, h => h.Executions));
        Assert.Equal(
            pair.GroupBy(r => r.Timestamp.UtcTicks / TimeSpan.TicksPerHour).OrderBy(g => g.Key).Select(g => (long)g.Count()),
            rebuilt.HourlyTrend.Select(b => b.Executions));
    }

    [Fact]
    public async Task Reset_forgets_one_error_type_and_keeps_the_others()
    {
        var (store, db, source) = await CreateAsync();
        await using var __ = source;
        await using var ___ = store;
        var records = Scripted(300, seed: 2);
        await Task.WhenAll(records.Select(r => store.AppendAsync(r)));

        await store.ResetAsync(ErrorType.Network);

        Assert.Equal(0, await Database.ScalarAsync<long>(db, "SELECT count(*) FROM recovery_performance WHERE error_type = 'network'"));
        AssertSame(RecoveryMetrics.Compute([.. records.Where(r => r.ErrorType != ErrorType.Network)]), await store.MetricsAsync(null, null, null));
    }

    [Fact]
    public async Task Retention_deletes_exactly_the_rows_older_than_the_cutoff_in_batches_and_the_hourly_figures_stay()
    {
        var (store, db, source) = await CreateAsync();
        await using var _ = source;
        await using var __ = store;
        var records = Scripted(300, seed: 5);
        await Task.WhenAll(records.Select(r => store.AppendAsync(r)));
        var before = await store.MetricsAsync(null, null, null);
        var cutoff = Start.AddHours(1);
        var old = records.Count(r => r.Timestamp < cutoff);

        var deleted = new List<int>();
        int batch;
        while ((batch = await store.DeleteOlderThanAsync(cutoff, 40)) > 0)
        {
            deleted.Add(batch);
        }

        Assert.InRange(old, 41, 299);
        Assert.Equal(old, deleted.Sum());
        Assert.All(deleted, n => Assert.InRange(n, 1, 40));
        Assert.Equal(0, await Database.ScalarAsync<long>(db, "SELECT count(*) FROM recovery_performance WHERE \"timestamp\" < $1", cutoff));
        Assert.Equal(300 - old, await Database.ScalarAsync<long>(db, "SELECT count(*) FROM recovery_performance"));
        Assert.Equal(before.Overall.TotalExecutions, (await store.MetricsAsync(null, null, null)).Overall.TotalExecutions);
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_append_with_a_clear_retryable_error_and_shows_in_health()
    {
        var closedPort = Testing.FreePorts.Take(1)[0];
        await using var source = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={closedPort};Username=postgres;Password=x;Timeout=2");
        await using var store = new PostgresHistoryStore(
            source, new StrategyCatalog([]), Options.Create(new HistoryWriterOptions { WriteAttempts = 2 }),
            TimeProvider.System, NullLogger<PostgresHistoryStore>.Instance);

        var error = await Assert.ThrowsAsync<HistoryUnavailableException>(() => store.AppendAsync(Scripted(1, seed: 1)[0]));

        Assert.Contains("nothing was acknowledged", error.Message, StringComparison.Ordinal);
        Assert.False(store.Health.Reachable);
        Assert.NotNull(store.Health.LastError);
    }

    private async Task<(PostgresHistoryStore Store, string Db, NpgsqlDataSource Source)> CreateAsync()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var source = NpgsqlDataSource.Create(db);
        await new SchemaMigrator(source, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var store = new PostgresHistoryStore(
            source, new StrategyCatalog([]), Options.Create(new HistoryWriterOptions()),
            TimeProvider.System, NullLogger<PostgresHistoryStore>.Instance);
        return (store, db, source);
    }

    /// <summary>A seeded history over about five hours: two types, three strategies, all levels, some machines.</summary>
    private static List<RecoveryRecord> Scripted(int count, int seed)
    {
        var random = new Random(seed);
        ErrorType[] types = [ErrorType.Network, ErrorType.Database];
        string[] strategies = ["retry", "reconnect", "backoff_retry"];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var at = Start.AddSeconds(i * 30 + random.Next(0, 20));
            var affected = random.Next(0, 6);
            return new RecoveryRecord(
                $"error-{random.Next(0, 20)}", types[random.Next(types.Length)], strategies[random.Next(strategies.Length)],
                (RecoveryLevel)random.Next(1, 6), random.Next(1, 9), random.NextDouble() < 0.7,
                TimeSpan.FromMilliseconds(random.Next(10, 5000)), affected, random.Next(0, affected + 1),
                random.NextDouble() < 0.5 ? null : new ResourceUsage(random.Next(0, 100), random.Next(0, 100), 1.5, 200, 4096),
                random.NextDouble() < 0.5 ? null : new ResourceUsage(random.Next(0, 100), random.Next(0, 100)),
                Math.Round(random.NextDouble(), 6), random.NextDouble() < 0.3 ? null : Math.Round(random.NextDouble(), 6),
                random.NextDouble() < 0.3 ? null : $"host-{random.Next(0, 4)}", $"worker-{random.Next(0, 5)}", $"component-{random.Next(0, 3)}",
                at, random.NextDouble() < 0.4, Guid.CreateVersion7(at), random.NextDouble() < 0.1);
        })];
    }

    private static void AssertSame(RecoveryMetrics expected, RecoveryMetrics actual)
    {
        AssertSame(expected.Overall, actual.Overall);
        Assert.Equal(expected.Strategies.Keys, actual.Strategies.Keys);
        Assert.Equal(expected.ErrorTypes.Keys, actual.ErrorTypes.Keys);
        foreach (var (key, group) in expected.Strategies)
        {
            AssertSame(group, actual.Strategies[key]);
        }

        foreach (var (key, group) in expected.ErrorTypes)
        {
            AssertSame(group, actual.ErrorTypes[key]);
        }

        Assert.Equal(expected.Levels, actual.Levels);
    }

    private static void AssertSame(MetricGroup expected, MetricGroup actual)
    {
        Assert.Equal(expected.TotalExecutions, actual.TotalExecutions);
        Assert.Equal(expected.Successes, actual.Successes);
        Assert.Equal(expected.OverallSuccessRate, actual.OverallSuccessRate, 9);
        Assert.Equal(expected.AverageExecutionSeconds, actual.AverageExecutionSeconds, 9);
        Assert.Equal(expected.AverageImpact, actual.AverageImpact, 9);
    }
}
