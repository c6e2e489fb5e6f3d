using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using RecoveryCluster.Benchmarks.Propagation;
using RecoveryCluster.Testing;

namespace RecoveryCluster.Benchmarks.FleetLimit;

/// <summary>
/// A fleet limit held by worker processes pushing past it: one silo process and four worker processes calling one
/// simulated component that measures what reaches it. Concurrency phase: each worker runs half the limit in callers
/// (twice what the limit admits in all) against 100 ms calls, judged by the mean calls in flight at the component
/// (peak reported beside it). Rate phase: 16 callers each against 2 ms calls, judged by calls per second. Target ±5 %.
/// Callers back off by the rejection's RetryAfter, as a well-behaved caller would.
/// </summary>
public static class FleetLimitBenchmark
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);

    /// <param name="settle">Time for the shares to converge (a few renewals) before the window starts.</param>
    public static async Task<IReadOnlyList<FleetLimitPhase>> RunAsync(
        int concurrencyLimit, double rateLimit, TimeSpan duration, TimeSpan settle, string? resultsDirectory = null, int workers = 4)
    {
        await using var cluster = await LocalCluster.StartAsync(1, StartWithin);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Silos[0].HttpPort}/") };
        var phases = new List<FleetLimitPhase>
        {
            await PhaseAsync(cluster, http, "concurrency", concurrencyLimit, TimeSpan.FromMilliseconds(100), Math.Max(2, concurrencyLimit / 2), workers, duration, settle),
            await PhaseAsync(cluster, http, "rate", rateLimit, TimeSpan.FromMilliseconds(2), 16, workers, duration, settle),
        };
        if (resultsDirectory is not null)
        {
            Directory.CreateDirectory(resultsDirectory);
            await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "fleet-limit.json"), JsonSerializer.Serialize(phases, new JsonSerializerOptions { WriteIndented = true }));
        }

        return phases;
    }

    private static async Task<FleetLimitPhase> PhaseAsync(
        LocalCluster cluster, HttpClient http, string kind, double limit, TimeSpan serviceTime, int callers, int workerCount, TimeSpan duration, TimeSpan settle)
    {
        var component = $"fleet-limit-{kind}-{Guid.NewGuid():N}";
        var body = kind == "concurrency" ? new { limit = (object)new { maxConcurrency = (int)limit } } : new { limit = (object)new { ratePerSecond = limit } };
        using (var put = await http.PutAsJsonAsync(new Uri($"api/components/{component}/policy", UriKind.Relative), body))
        {
            put.EnsureSuccessStatusCode();
        }

        await using var target = new SimulatedComponent(FreePorts.Take(1)[0], serviceTime);
        var workers = await Task.WhenAll(Enumerable.Range(0, workerCount).Select(i => WorkerProcess.StartAsync(
            cluster.ClusterId, cluster.Silos[0].GatewayPort, component, $"{kind}-worker-{i.ToString(CultureInfo.InvariantCulture)}", target.Url, callers, StartWithin)));
        try
        {
            await Task.Delay(settle);
            target.Reset();
            await Task.Delay(duration);
            var (mean, peak, perSecond) = target.Measure();
            var counts = await Task.WhenAll(workers.Select(w => w.StopAsync(TimeSpan.FromSeconds(30))));
            var ratio = kind == "concurrency" ? mean / limit : perSecond / limit;
            return new FleetLimitPhase(kind, limit, workerCount, callers, mean, peak, perSecond, ratio, counts.Sum(c => c.Admitted), counts.Sum(c => c.Refused));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }
}
