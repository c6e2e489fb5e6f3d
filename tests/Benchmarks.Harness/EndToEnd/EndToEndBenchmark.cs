using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Diagnostics;
using RecoveryCluster.Errors;
using RecoveryCluster.Testing;

namespace RecoveryCluster.Benchmarks.EndToEnd;

/// <summary>
/// P2/P3: one silo process and this process as the client, on loopback. In the same run: a no-op grain call
/// (baseline), the report → plan call that opens a recovery episode, and full recovery cycles (report, plan,
/// outcome, resolved), each at the given concurrencies. Every figure is also given as a ratio to the baseline at
/// the same concurrency.
/// </summary>
public static class EndToEndBenchmark
{
    private const int ErrorsPerWorker = 16;

    /// <summary>Longer than the silo's batch interval and its write-behind period, so a row's calls are all counted in it.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1.5);

    private static readonly ErrorType[] SpreadTypes = [ErrorType.Network, ErrorType.Timeout, ErrorType.Database, ErrorType.Resource];

    /// <param name="connectionString">Runs against a durable silo on this PostgreSQL database; null: in memory.</param>
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(
        TimeSpan duration, IReadOnlyList<int> concurrencies, string? resultsDirectory = null, string? connectionString = null)
    {
        await using var silo = await SiloProcess.StartAsync(TimeSpan.FromSeconds(60), connectionString);
        var host = Host.CreateApplicationBuilder();
        host.Logging.SetMinimumLevel(LogLevel.Warning);
        host.UseOrleansClient(c => c.UseLocalhostClustering(silo.GatewayPort, "recovery-cluster", silo.ClusterId));
        using var app = host.Build();
        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IClusterClient>();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}/") };
        var results = new List<LoadResult>();
        foreach (var concurrency in concurrencies)
        {
            var baseline = await MeasureAsync("no-op grain call", concurrency, duration, null, http,
                (worker, n) => grains.GetGrain<IPingGrain>(worker * ErrorsPerWorker + n % ErrorsPerWorker).PingAsync(n));
            results.Add(baseline);
            results.AddRange(await MeasureCyclesAsync(grains, http, "", concurrency, duration, baseline, SpreadOccurrence));
            results.AddRange(await MeasureCyclesAsync(grains, http, ", one component and strategy", concurrency, duration, baseline, HotOccurrence));
        }

        if (resultsDirectory is not null)
        {
            Write(results, resultsDirectory, connectionString is null ? "e2e" : "e2e-durable");
        }

        // Bounded: a client whose silo is going away must not hold the caller (a smoke test, a CI run).
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(stopping.Token);
        return results;
    }

    /// <summary>Full cycles (report, plan, successful outcome), and the report → plan latency within them.</summary>
    private static async Task<LoadResult[]> MeasureCyclesAsync(
        IClusterClient grains, HttpClient http, string label, int concurrency, TimeSpan duration, LoadResult baseline, Func<int, int, ErrorOccurrence> occurrenceOf)
    {
        var reportLatencies = new List<double>[concurrency];
        var cycles = await MeasureAsync("full recovery cycle" + label, concurrency, duration, baseline, http, async (worker, n) =>
        {
            var occurrence = occurrenceOf(worker, n % ErrorsPerWorker);
            var grain = grains.GetGrain<IErrorGrain>(ErrorFingerprint.Compute(occurrence));
            var started = Stopwatch.GetTimestamp();
            var plan = (await grain.ReportAsync(occurrence)).Plan!;
            (reportLatencies[worker] ??= []).Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            await grain.RecordOutcomeAsync(plan.Attempt, new RecoveryOutcome(plan.StrategyId, true, TimeSpan.FromMilliseconds(5), StabilityScore: 1));
            return 0;
        });
        var reports = reportLatencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        var p50 = Percentile.NearestRank(reports, 50);
        var p99 = Percentile.NearestRank(reports, 99);
        return
        [
            cycles,
            new LoadResult($"report → plan (new episode, within the cycles{label})", concurrency, reports.Length, 0, p50, p99, 0,
                p50 / baseline.P50Microseconds, p99 / baseline.P99Microseconds),
        ];
    }

    private static async Task<LoadResult> MeasureAsync(
        string scenario, int concurrency, TimeSpan duration, LoadResult? baseline, HttpClient http, Func<int, int, Task<int>> call)
    {
        // Warm-up: activations and connections.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            for (var n = 0; n < ErrorsPerWorker; n++)
            {
                await call(w, n);
            }
        }));

        await Task.Delay(SettleTime);
        var callsBefore = await GrainCallsAsync(http);
        var latencies = new List<double>[concurrency];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(4096);
            for (var n = 0; Stopwatch.GetTimestamp() < stopAt; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await call(w, n);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;

        // What the operations set going in the background (batches, writes behind) belongs to them too.
        await Task.Delay(SettleTime);
        var callsAfter = await GrainCallsAsync(http);
        var calls = callsAfter.Values.Sum() - callsBefore.Values.Sum();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var perSecond = all.Length / elapsed;
        var p50 = Percentile.NearestRank(all, 50);
        var p99 = Percentile.NearestRank(all, 99);
        var callsPerOperation = all.Length == 0 ? 0 : (double)calls / all.Length;
        var byInterface = callsAfter
            .Select(c => (c.Key, Calls: c.Value - callsBefore.GetValueOrDefault(c.Key)))
            .Where(c => c.Calls > 0)
            .ToDictionary(c => c.Key, c => Math.Round((double)c.Calls / Math.Max(1, all.Length), 3), StringComparer.Ordinal);
        return baseline is null
            ? new LoadResult(scenario, concurrency, all.Length, perSecond, p50, p99, 1, 1, 1, callsPerOperation, byInterface)
            : new LoadResult(scenario, concurrency, all.Length, perSecond, p50, p99, perSecond / baseline.OperationsPerSecond,
                p50 / baseline.P50Microseconds, p99 / baseline.P99Microseconds, callsPerOperation, byInterface);
    }

    /// <summary>The silo's count of grain calls taken, by interface (the read itself makes none).</summary>
    private static async Task<Dictionary<string, long>> GrainCallsAsync(HttpClient http)
    {
        using var answer = await http.GetFromJsonAsync<JsonDocument>("api/diagnostics/grain-calls");
        return answer!.RootElement.GetProperty("byInterface").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
    }

    /// <summary>Errors spread over 16 components and several error types, so over several breakers and statistics grains.</summary>
    private static ErrorOccurrence SpreadOccurrence(int worker, int error) =>
        Occurrence(worker, error, $"bench-{worker % 16}", SpreadTypes[(worker + error) % SpreadTypes.Length]);

    /// <summary>Every error on one component and of one type: one breaker and (mostly) one statistics grain take all of it.</summary>
    private static ErrorOccurrence HotOccurrence(int worker, int error) => Occurrence(worker, error, "bench-hot", ErrorType.Network);

    private static ErrorOccurrence Occurrence(int worker, int error, string component, ErrorType type)
    {
        // Letters, not digits: the fingerprint masks numbers, and each (worker, error) must be its own error.
        var name = string.Concat($"{worker:x}{error:x}".Select(c => (char)('g' + (char.IsDigit(c) ? c - '0' : c - 'a' + 10))));
        return new ErrorOccurrence(type, ErrorSeverity.Low, $"upstream {name} refused the call", null,
            new ErrorContext(component, "Call", $"bench-worker-{worker}-{error}"), DateTimeOffset.UnixEpoch);
    }

    private static void Write(IReadOnlyList<LoadResult> results, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"{name}.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder("| scenario | concurrency | ops | ops/s | p50 µs | p99 µs | throughput / baseline | p50 / baseline | p99 / baseline | grain calls / op |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in results)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Concurrency} | {r.Operations} | {r.OperationsPerSecond:0} | {r.P50Microseconds:0} | {r.P99Microseconds:0} | {r.ThroughputRatio:0.00} | {r.P50Ratio:0.00} | {r.P99Ratio:0.00} | {r.GrainCallsPerOperation:0.00} |\n");
        }

        File.WriteAllText(Path.Combine(directory, $"{name}.md"), md.ToString());
    }
}
