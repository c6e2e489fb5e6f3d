using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.FleetLimits;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Policies;

namespace RecoveryCluster.Benchmarks.Hedging;

/// <summary>
/// Hedging on a component with a slow tail: an idempotent operation that takes 10 ms, except one call in 33 (3 %) that
/// takes 300 ms. The same calls (same seed) run through two components of one in-process silo, one without hedging
/// and one with hedging at the fleet's learned p95 (learned from a warm-up first); compared by p99.
/// </summary>
public static class HedgingBenchmark
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(300);
    private const double SlowShare = 0.03;

    public static async Task<IReadOnlyList<HedgingArm>> RunAsync(int calls, int concurrency, int seed, string? resultsDirectory = null)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            await using var client = new RecoveryClient(
                cluster.Client, Options.Create(new RecoveryClientOptions { WorkerId = "hedging-bench" }),
                new ErrorClassifier(), new StrategyRegistry([]), new NoRecoveryActions(), TimeProvider.System, NullLogger<RecoveryClient>.Instance);
            var suffix = Guid.NewGuid().ToString("N");
            var plain = $"slow-tail-plain-{suffix}";
            var hedged = $"slow-tail-hedged-{suffix}";
            var hedging = HedgingPolicy.Off with { Enabled = true, Percentile = 0.95, MinDelay = TimeSpan.FromMilliseconds(1) };
            await cluster.Client.GetGrain<IComponentPolicyGrain>(hedged).SetAsync(
                ComponentPolicy.Default with { Hedging = hedging, Limit = FleetLimitPolicy.None with { LeaseDuration = TimeSpan.FromSeconds(1) } });

            // Warm-up: the hedged component's delay is learned from these calls' latencies (renewals every 200 ms).
            await RunArmAsync(client, hedged, Math.Max(200, calls / 4), concurrency, seed + 1);
            var limit = cluster.Client.GetGrain<IFleetLimitGrain>(hedged);
            var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
            while ((await limit.GetStatusAsync()).HedgingDelays?.ContainsKey("Read") != true && Stopwatch.GetTimestamp() < deadline)
            {
                await RunArmAsync(client, hedged, 50, concurrency, seed + 2);
            }

            var learned = (await limit.GetStatusAsync()).HedgingDelays?.GetValueOrDefault("Read");
            var arms = new List<HedgingArm>
            {
                Summarise("no hedging", await RunArmAsync(client, plain, calls, concurrency, seed), null),
                Summarise("hedging at the learned p95", await RunArmAsync(client, hedged, calls, concurrency, seed), learned),
            };
            if (resultsDirectory is not null)
            {
                Directory.CreateDirectory(resultsDirectory);
                await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "hedging.json"), JsonSerializer.Serialize(arms, new JsonSerializerOptions { WriteIndented = true }));
            }

            return arms;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<(List<double> Ms, long Attempts)> RunArmAsync(RecoveryClient client, string component, int calls, int concurrency, int seed)
    {
        // The slow calls are drawn up front from the seed, so both arms meet the same ones in the same order.
        var random = new Random(seed);
        var slow = Enumerable.Range(0, calls).Select(_ => random.NextDouble() < SlowShare).ToArray();
        var next = -1;
        long attempts = 0;
        var times = new List<double>(calls);
        var idempotent = new ExecuteOptions { IsIdempotent = true };
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < calls)
            {
                var firstCopy = 1;
                var started = Stopwatch.GetTimestamp();
                await client.ExecuteAsync(component, "Read", async ct =>
                {
                    Interlocked.Increment(ref attempts);

                    // Only the call's first copy meets the slow tail: a hedge is a new request, and most requests are fast.
                    await Task.Delay(Interlocked.Exchange(ref firstCopy, 0) == 1 && slow[i] ? Slow : Fast, ct);
                    return 0;
                }, idempotent);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (times)
                {
                    times.Add(ms);
                }
            }
        })));
        return (times, attempts);
    }

    private static HedgingArm Summarise(string name, (List<double> Ms, long Attempts) run, TimeSpan? learned)
    {
        var sorted = run.Ms.Order().ToList();
        return new HedgingArm(name, sorted.Count, Percentile.NearestRank(sorted, 50), Percentile.NearestRank(sorted, 95), Percentile.NearestRank(sorted, 99), sorted[^1], run.Attempts, learned?.TotalMilliseconds);
    }
}
