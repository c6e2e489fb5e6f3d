using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.History;
using RecoveryCluster.Persistence;

namespace RecoveryCluster.Benchmarks.History;

/// <summary>
/// The durable history's queries over a large table: loads <c>rows</c> seeded rows into a fresh database and times
/// each query the API and the statistics grains run, against the 200 ms target.
/// </summary>
public static class HistoryQueryBenchmark
{
    public static async Task<IReadOnlyList<QueryTiming>> RunAsync(string adminConnectionString, int rows, int runs, string? resultsDirectory)
    {
        var name = $"rc_bench_history_{Guid.NewGuid():N}";
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE {name}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, CommandTimeout = 600 }.ConnectionString;
            await using var database = NpgsqlDataSource.Create(connectionString);
            await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
            var loading = Stopwatch.StartNew();
            await HistoryLoader.LoadAsync(database, rows, seed: 42);
            Console.WriteLine(FormattableString.Invariant($"loaded {rows:N0} rows in {loading.Elapsed.TotalSeconds:0.0} s"));

            await using var store = new PostgresHistoryStore(
                database, new StrategyCatalog([]), Options.Create(new HistoryWriterOptions()), TimeProvider.System, NullLogger<PostgresHistoryStore>.Instance);
            var since = HistoryLoader.End.AddDays(-7).AddMinutes(17);
            var queries = new (string Name, Func<Task> Run)[]
            {
                ("metrics: everything", () => store.MetricsAsync(null, null, null)),
                ("metrics: one error type", () => store.MetricsAsync(ErrorType.Database, null, null)),
                ("metrics: one strategy", () => store.MetricsAsync(null, "reconnect", null)),
                ("metrics: type + strategy, last 7 days from inside an hour", () => store.MetricsAsync(ErrorType.Network, "retry", since)),
                ("history: newest 100", () => store.QueryAsync(null, new HistoryQuery(Limit: 100))),
                ("history: type + strategy, newest 100", () => store.QueryAsync(ErrorType.Timeout, new HistoryQuery("backoff_retry", null, 100))),
                ("history: one type, last day, 1000", () => store.QueryAsync(ErrorType.Database, new HistoryQuery(null, HistoryLoader.End.AddDays(-1), 1000))),
                ("pair rebuild: totals, window, hourly trend, hardware", () => store.LoadStrategyAsync(ErrorType.Network, "retry", new StrategyHistoryRequest(100, 168, 4096))),
            };

            var timings = new List<QueryTiming>();
            foreach (var (queryName, run) in queries)
            {
                await run(); // warm the plan and the cache once
                var samples = new double[runs];
                for (var i = 0; i < runs; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await run();
                    samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                Array.Sort(samples);
                timings.Add(new QueryTiming(queryName, rows, runs, Percentile.NearestRank(samples, 50), Percentile.NearestRank(samples, 95), samples[^1]));
            }

            if (resultsDirectory is not null)
            {
                Write(timings, resultsDirectory);
            }

            return timings;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Write(IReadOnlyList<QueryTiming> timings, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "history-queries.json"), JsonSerializer.Serialize(timings, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# History queries over {timings[0].Rows:N0} rows (target < {QueryTiming.TargetMilliseconds} ms)")
            .AppendLine()
            .AppendLine("| query | median ms | p95 ms | max ms | target |")
            .AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var t in timings)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Query} | {t.MedianMilliseconds:0.0} | {t.P95Milliseconds:0.0} | {t.MaxMilliseconds:0.0} | {(t.MeetsTarget ? "met" : "missed")} |");
        }

        File.WriteAllText(Path.Combine(directory, "history-queries.md"), md.ToString());
    }
}
