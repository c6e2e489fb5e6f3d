using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RecoveryCluster.Testing;

namespace RecoveryCluster.Benchmarks.Scale;

/// <summary>
/// Scale with the number of distinct errors: for each point, a fresh database preloaded with that many errors, a fresh
/// durable silo, and the same load — HTTP reports from several threads, each a new distinct error (its message holds a
/// word the fingerprint cannot mask), plus a reader listing errors and the status counts. Every point gets the same
/// load, seed and machine; only the number of stored errors differs.
/// </summary>
public static class ScaleBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly string[] Types = ["network", "timeout", "database", "resource"];

    /// <param name="server">A PostgreSQL server's connection string, with the right to create databases.</param>
    public static async Task<IReadOnlyList<ScalePoint>> RunAsync(
        string server, IReadOnlyList<int> points, TimeSpan duration, int threads, int seed, string? resultsDirectory, Action<string>? log = null)
    {
        var results = new List<ScalePoint>();
        foreach (var stored in points)
        {
            var name = $"rc_bench_scale_{stored}_{Guid.NewGuid():N}"[..40];
            var database = await CreateDatabaseAsync(server, name);
            var preload = Stopwatch.StartNew();
            await ErrorPreloader.LoadAsync(database, stored, seed);
            preload.Stop();
            log?.Invoke(FormattableString.Invariant($"{stored:N0} errors stored in {preload.Elapsed.TotalSeconds:0.0} s"));
            await using (var silo = await SiloProcess.StartAsync(TimeSpan.FromSeconds(120), database))
            {
                var point = await MeasureAsync(silo, stored, duration, threads, seed) with { PreloadSeconds = preload.Elapsed.TotalSeconds };
                results.Add(point);
                log?.Invoke(Line(point));
            }

            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        if (resultsDirectory is not null)
        {
            Write(results, resultsDirectory);
        }

        return results;
    }

    public static string Line(ScalePoint p) => FormattableString.Invariant(
        $"{p.StoredErrors,9:N0} errors: {p.ReportsPerSecond,7:0}/s  p50 {p.ReportP50Ms,6:0.0} ms  p99 {p.ReportP99Ms,6:0.0} ms  failed {p.FailedReports}  list p50 {p.ListP50Ms,6:0.0} ms  status p50 {p.StatusP50Ms,6:0.0} ms  silo RSS {p.SiloRssBeforeMb:0} → {p.SiloRssAfterMb:0} MiB  grain calls/report {p.GrainCallsPerReport:0.00} (busiest: {p.BusiestInterface} {p.BusiestInterfacePerReport:0.00})");

    private static async Task<string> CreateDatabaseAsync(string server, string name)
    {
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<ScalePoint> MeasureAsync(SiloProcess silo, int stored, TimeSpan duration, int threads, int seed)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        var rssBefore = silo.ResidentMegabytes();
        var callsBefore = await GrainCallsAsync(http);
        var reported = 0L;
        var clock = Stopwatch.StartNew();
        var measureFrom = WarmUp;
        var until = WarmUp + duration;
        var latencies = new List<double>[threads];
        var failed = 0L;
        var reporters = Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, t));
            var mine = latencies[t] = [];
            while (clock.Elapsed < until)
            {
                var body = new { message = $"user {Words.Next(random)} not allowed", component = $"svc-{random.Next(64)}", operation = "Save", type = Types[random.Next(Types.Length)] };
                var started = clock.Elapsed;
                using var response = await http.PostAsJsonAsync("api/errors", body);
                var elapsed = (clock.Elapsed - started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }

                Interlocked.Increment(ref reported);
                if (started >= measureFrom)
                {
                    mine.Add(elapsed);
                }
            }
        })).ToArray();

        // A person's view meanwhile: the first page of the list and the status counts, four times a second.
        var list = new List<double>();
        var status = new List<double>();
        while (clock.Elapsed < until)
        {
            list.Add(await TimeAsync(http, "api/errors?limit=50", clock));
            status.Add(await TimeAsync(http, "api/status", clock));
            await Task.Delay(250);
        }

        await Task.WhenAll(reporters);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var seconds = duration.TotalSeconds;

        // Calls every grain took per report, reporter and reader traffic together: a grain on every report shows as ~1.
        var callsAfter = await GrainCallsAsync(http);
        var perInterface = callsAfter.ToDictionary(c => c.Key, c => (c.Value - callsBefore.GetValueOrDefault(c.Key)) / (double)Math.Max(1, reported));
        var busiest = perInterface.OrderByDescending(c => c.Value).FirstOrDefault();
        return new ScalePoint(
            stored, seed, threads, seconds, all.Length, all.Length / seconds,
            Percentile.NearestRank(all, 50), Percentile.NearestRank(all, 99), failed,
            Percentile.NearestRank([.. list.Order()], 50), Percentile.NearestRank([.. status.Order()], 50),
            rssBefore, silo.ResidentMegabytes(), 0, perInterface.Values.Sum(), busiest.Key ?? "none", busiest.Value);
    }

    private static async Task<Dictionary<string, long>> GrainCallsAsync(HttpClient http)
    {
        using var answer = await http.GetFromJsonAsync<JsonDocument>("api/diagnostics/grain-calls");
        return answer!.RootElement.GetProperty("byInterface").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
    }

    private static async Task<double> TimeAsync(HttpClient http, string path, Stopwatch clock)
    {
        var started = clock.Elapsed;
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (clock.Elapsed - started).TotalMilliseconds;
    }

    private static void Write(IReadOnlyList<ScalePoint> results, string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(directory, $"scale-{stamp}.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        var table = new StringBuilder("| stored errors | reports/s | p50 ms | p99 ms | list p50 ms | status p50 ms | silo RSS MiB (before → after) |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var p in results)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {p.StoredErrors:N0} | {p.ReportsPerSecond:0} | {p.ReportP50Ms:0.0} | {p.ReportP99Ms:0.0} | {p.ListP50Ms:0.0} | {p.StatusP50Ms:0.0} | {p.SiloRssBeforeMb:0} → {p.SiloRssAfterMb:0} |\n");
        }

        File.WriteAllText(Path.Combine(directory, $"scale-{stamp}.md"), table.ToString());
    }
}
