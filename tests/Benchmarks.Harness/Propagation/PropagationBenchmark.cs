using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>
/// P4: a cluster of silo processes and separate client processes (each through its own gateway, round robin) all
/// gating on one component. Each trial isolates the component through the HTTP API of the first silo and measures,
/// on the machine's wall clock, the time until every client has heard the breaker open; then resets it and waits
/// until every client has heard it close before the next trial.
/// </summary>
public static class PropagationBenchmark
{
    private const string Component = "p4-propagation";
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan HeardWithin = TimeSpan.FromSeconds(10);

    /// <param name="workersPerClient">Workers in each client process, each with its own subscription to the breaker.</param>
    public static async Task<PropagationResult> RunAsync(int trials, int siloCount = 3, int clientCount = 4, string? resultsDirectory = null, int workersPerClient = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workersPerClient, 1);
        await using var cluster = await LocalCluster.StartAsync(siloCount, StartWithin);
        var clients = new List<ClientProcess>();
        try
        {
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, clientCount).Select(i => ClientProcess.StartAsync(
                cluster.ClusterId, cluster.Silos[i % siloCount].GatewayPort, Component, $"p4-client-{i}", workersPerClient, StartWithin))));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Silos[0].HttpPort}/") };

            // One untimed round first: activations, connections and JIT.
            await TrialAsync(http, clients);
            var allHeard = new List<double>(trials);
            var firstHeard = new List<double>(trials);
            var isolateRoundTrips = new List<double>(trials);
            for (var trial = 0; trial < trials; trial++)
            {
                var (all, first, isolate) = await TrialAsync(http, clients);
                allHeard.Add(all);
                firstHeard.Add(first);
                isolateRoundTrips.Add(isolate);
            }

            var result = Summarize(siloCount, clientCount, clientCount * workersPerClient, allHeard, firstHeard, isolateRoundTrips);
            if (resultsDirectory is not null)
            {
                Write(result, resultsDirectory);
            }

            return result;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>One isolate → every client gates → reset → every client open again; times in milliseconds.</summary>
    private static async Task<(double All, double First, double IsolateRequest)> TrialAsync(HttpClient http, IReadOnlyList<ClientProcess> clients)
    {
        var sentAt = TimeProvider.System.GetUtcNow().UtcTicks;
        var started = TimeProvider.System.GetTimestamp();
        using (var isolate = await http.PostAsJsonAsync($"api/circuits/{Component}/isolate", new { reason = "P4 propagation trial" }))
        {
            isolate.EnsureSuccessStatusCode();
        }

        var isolateRequest = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        var heard = await Task.WhenAll(clients.Select(c => c.WaitForAsync(s => s != CircuitState.Closed, HeardWithin)));
        using (var reset = await http.PostAsync(new Uri($"api/circuits/{Component}/reset", UriKind.Relative), null))
        {
            reset.EnsureSuccessStatusCode();
        }

        await Task.WhenAll(clients.Select(c => c.WaitForAsync(s => s == CircuitState.Closed, HeardWithin)));
        var delays = heard.Select(h => TimeSpan.FromTicks(h.HeardAtUtcTicks - sentAt).TotalMilliseconds).ToArray();
        return (delays.Max(), delays.Min(), isolateRequest);
    }

    private static PropagationResult Summarize(int silos, int clients, int workers, List<double> allHeard, List<double> firstHeard, List<double> isolateRoundTrips)
    {
        var all = allHeard.Order().ToArray();
        return new PropagationResult(silos, clients, workers, all.Length,
            Percentile.NearestRank(all, 50), Percentile.NearestRank(all, 99), all[^1],
            Percentile.NearestRank(firstHeard.Order().ToArray(), 50), Percentile.NearestRank(isolateRoundTrips.Order().ToArray(), 50), allHeard);
    }

    private static void Write(PropagationResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "propagation.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"P4: {result.Silos} silo processes, {result.Clients} client processes with {result.Workers} workers in all, {result.Trials} trials\n\n");
        md.Append("| figure | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: |\n");
        md.Append(CultureInfo.InvariantCulture, $"| isolate sent → every worker gates | {result.AllClientsP50Ms:0.0} | {result.AllClientsP99Ms:0.0} | {result.AllClientsMaxMs:0.0} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| isolate sent → first client process's workers all gate | {result.FirstClientP50Ms:0.0} | | |\n");
        md.Append(CultureInfo.InvariantCulture, $"| isolate HTTP round trip | {result.IsolateRequestP50Ms:0.0} | | |\n");
        File.WriteAllText(Path.Combine(directory, "propagation.md"), md.ToString());
    }
}
