using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using RecoveryCluster.Benchmarks.Propagation;

namespace RecoveryCluster.Benchmarks.PolicyPropagation;

/// <summary>
/// A policy change reaching every worker, as P4 measures a breaker transition: three silo processes, four worker
/// processes (each through its own gateway, round robin) holding a lease on one component with a one-minute lease,
/// so that only the push, not a scheduled renewal (every 12 s), can bring a change within the trial. Each trial PUTs a
/// new policy through the first silo's API and measures, on the machine's wall clock, the time until the last worker
/// has a lease of the new version.
/// </summary>
public static class PolicyPropagationBenchmark
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan HeardWithin = TimeSpan.FromSeconds(10);

    public static async Task<PolicyPropagationResult> RunAsync(int trials, int siloCount = 3, int workerCount = 4, string? resultsDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var component = $"policy-propagation-{Guid.NewGuid():N}";
        await using var cluster = await LocalCluster.StartAsync(siloCount, StartWithin);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Silos[0].HttpPort}/") };
        var version = await PutAsync(http, component, 0);
        var workers = new List<PolicyWorkerProcess>();
        try
        {
            workers.AddRange(await Task.WhenAll(Enumerable.Range(0, workerCount).Select(i => PolicyWorkerProcess.StartAsync(
                cluster.ClusterId, cluster.Silos[i % siloCount].GatewayPort, component, $"policy-worker-{i.ToString(CultureInfo.InvariantCulture)}", StartWithin))));

            // One untimed round first: activations, connections and JIT.
            await TrialAsync(http, component, workers, version + 1);
            version++;
            var all = new List<double>(trials);
            for (var trial = 0; trial < trials; trial++)
            {
                version++;
                all.Add(await TrialAsync(http, component, workers, version));
            }

            var sorted = all.Order().ToList();
            var result = new PolicyPropagationResult(siloCount, workerCount, trials, all, Percentile.NearestRank(sorted, 50), Percentile.NearestRank(sorted, 99), sorted[^1]);
            if (resultsDirectory is not null)
            {
                Directory.CreateDirectory(resultsDirectory);
                await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "policy-propagation.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            }

            return result;
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static async Task<double> TrialAsync(HttpClient http, string component, IReadOnlyList<PolicyWorkerProcess> workers, long version)
    {
        var sent = TimeProvider.System.GetUtcNow().UtcTicks;
        var stored = await PutAsync(http, component, version);
        if (stored != version)
        {
            throw new InvalidOperationException($"The policy's version is {stored}, not the {version} expected: another writer?");
        }

        var heard = await Task.WhenAll(workers.Select(w => w.HeardAsync(version, HeardWithin)));
        return TimeSpan.FromTicks(heard.Max() - sent).TotalMilliseconds;
    }

    /// <summary>A policy that differs from the last (its limit follows the trial number); returns the stored version.</summary>
    private static async Task<long> PutAsync(HttpClient http, string component, long trial)
    {
        using var response = await http.PutAsJsonAsync(new Uri($"api/components/{component}/policy", UriKind.Relative),
            new { limit = new { maxConcurrency = 1000 + (int)(trial % 1000), leaseDuration = "00:01:00" } });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("version").GetInt64();
    }
}
