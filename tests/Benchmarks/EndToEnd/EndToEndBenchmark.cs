using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Diagnostics;
using RecoveryCluster.Errors;

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

        var results = new List<LoadResult>();
        foreach (var concurrency in concurrencies)
        {
            var baseline = await MeasureAsync("no-op grain call", concurrency, duration, null,
                (worker, n) => grains.GetGrain<IPingGrain>(worker * ErrorsPerWorker + n % ErrorsPerWorker).PingAsync(n));
            results.Add(baseline);
            var cycleLatencies = new List<double>[concurrency];
            var cycles = await MeasureAsync("full recovery cycle", concurrency, duration, baseline, async (worker, n) =>
            {
                var occurrence = Occurrence(worker, n % ErrorsPerWorker);
                var grain = grains.GetGrain<IErrorGrain>(ErrorFingerprint.Compute(occurrence));
                var started = Stopwatch.GetTimestamp();
                var plan = (await grain.ReportAsync(occurrence)).Plan!;
                (cycleLatencies[worker] ??= []).Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                await grain.RecordOutcomeAsync(plan.Attempt, new RecoveryOutcome(plan.StrategyId, true, TimeSpan.FromMilliseconds(5), StabilityScore: 1));
                return 0;
            });
            results.Add(cycles);
            var reports = cycleLatencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
            results.Add(new LoadResult("report → plan (new episode, within the cycles)", concurrency, reports.Length, 0,
                Percentile.Of(reports, 50), Percentile.Of(reports, 99), 0, Percentile.Of(reports, 50) / baseline.P50Microseconds, Percentile.Of(reports, 99) / baseline.P99Microseconds));
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

    private static async Task<LoadResult> MeasureAsync(string scenario, int concurrency, TimeSpan duration, LoadResult? baseline, Func<int, int, Task<int>> call)
    {
        // Warm-up: activations and connections.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            for (var n = 0; n < ErrorsPerWorker; n++)
            {
                await call(w, n);
            }
        }));

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
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var perSecond = all.Length / elapsed;
        var p50 = Percentile.Of(all, 50);
        var p99 = Percentile.Of(all, 99);
        return baseline is null
            ? new LoadResult(scenario, concurrency, all.Length, perSecond, p50, p99, 1, 1, 1)
            : new LoadResult(scenario, concurrency, all.Length, perSecond, p50, p99, perSecond / baseline.OperationsPerSecond, p50 / baseline.P50Microseconds, p99 / baseline.P99Microseconds);
    }

    private static ErrorOccurrence Occurrence(int worker, int error)
    {
        // Letters, not digits: the fingerprint masks numbers, and each (worker, error) must be its own error.
        var name = string.Concat($"{worker:x}{error:x}".Select(c => (char)('g' + (char.IsDigit(c) ? c - '0' : c - 'a' + 10))));
        return new ErrorOccurrence(ErrorType.Network, ErrorSeverity.Low, $"upstream {name} refused the call", null,
            new ErrorContext($"bench-{worker % 16}", "Call", $"bench-worker-{worker}-{error}"), DateTimeOffset.UnixEpoch);
    }
    private static void Write(IReadOnlyList<LoadResult> results, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"{name}.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder("| scenario | concurrency | ops | ops/s | p50 µs | p99 µs | throughput / baseline | p50 / baseline | p99 / baseline |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in results)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Concurrency} | {r.Operations} | {r.OperationsPerSecond:0} | {r.P50Microseconds:0} | {r.P99Microseconds:0} | {r.ThroughputRatio:0.00} | {r.P50Ratio:0.00} | {r.P99Ratio:0.00} |\n");
        }

        File.WriteAllText(Path.Combine(directory, $"{name}.md"), md.ToString());
    }
}
