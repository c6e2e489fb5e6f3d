using RecoveryCluster.Benchmarks.Hedging;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>Keeps the hedging harness working: a short run in which hedging at the learned p95 must cut the slow tail.</summary>
[Collection(SoloCollection.Name)]
public sealed class HedgingBenchmarkSmokeTests
{
    [Fact]
    public async Task Hedging_at_the_learned_p95_cuts_the_p99_of_a_slow_tailed_component()
    {
        var directory = Directory.CreateTempSubdirectory("rc-hedging").FullName;
        var arms = await HedgingBenchmark.RunAsync(calls: 600, concurrency: 8, seed: 7, resultsDirectory: directory);

        var plain = arms[0];
        var hedged = arms[1];
        Assert.Equal(plain.Calls, hedged.Calls);
        Assert.Equal(plain.Calls, plain.Attempts);
        Assert.InRange(plain.P99Ms, 290, 1000);

        // The tail (300 ms) is answered by a hedge after the learned delay (about the 10 ms calls' p95) plus one fast call.
        Assert.True(hedged.P99Ms < plain.P99Ms / 2, $"hedged p99 {hedged.P99Ms:0.0} ms against {plain.P99Ms:0.0} ms");
        Assert.InRange(hedged.LearnedDelayMs!.Value, 10, 290);
        Assert.InRange((double)hedged.Attempts / hedged.Calls, 1.0, 1.5);
        Assert.True(File.Exists(Path.Combine(directory, "hedging.json")));
    }
}
