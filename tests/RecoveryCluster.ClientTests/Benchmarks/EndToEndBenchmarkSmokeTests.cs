using RecoveryCluster.Benchmarks.EndToEnd;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>
/// Keeps the P2/P3 harness working: a real silo process, a short run at two concurrencies, every scenario measured.
/// It runs alone: a silo process starting up starves the in-process clusters of the other tests on two cores.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class EndToEndBenchmarkSmokeTests
{
    [Fact]
    public async Task The_end_to_end_harness_measures_every_scenario_against_a_silo_process()
    {
        var directory = Directory.CreateTempSubdirectory("rc-e2e").FullName;
        var results = await EndToEndBenchmark.RunAsync(TimeSpan.FromMilliseconds(500), [1, 4], directory);

        Assert.Equal(10, results.Count);
        Assert.All(results, r => Assert.True(r.Operations > 0, $"{r.Scenario} at {r.Concurrency} ran nothing"));
        Assert.All(results.Where(r => r.Scenario == "no-op grain call"), r => Assert.Equal(1, r.ThroughputRatio));

        // The silo's call count: a ping is one call (and a little background); a cycle is at least the client's two.
        Assert.All(results.Where(r => r.Scenario == "no-op grain call"), r => Assert.InRange(r.GrainCallsPerOperation, 1, 1.5));
        Assert.All(results.Where(r => r.Scenario.StartsWith("full recovery cycle", StringComparison.Ordinal)), r => Assert.True(r.GrainCallsPerOperation >= 2, $"{r.Scenario}: {r.GrainCallsPerOperation} calls"));
        Assert.True(File.Exists(Path.Combine(directory, "e2e.json")));
    }
}
