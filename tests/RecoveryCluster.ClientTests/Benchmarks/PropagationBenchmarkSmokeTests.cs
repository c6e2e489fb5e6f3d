using RecoveryCluster.Benchmarks.Propagation;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>
/// Keeps the P4 harness working: three silo processes, four client processes, a few trials in which every client
/// must hear the breaker open. Alone, like the other process-starting harness: they would starve the in-process clusters.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class PropagationBenchmarkSmokeTests
{
    [Fact]
    public async Task Every_client_process_gates_after_the_breaker_is_isolated_through_one_silo()
    {
        var directory = Directory.CreateTempSubdirectory("rc-propagation").FullName;
        var result = await PropagationBenchmark.RunAsync(trials: 5, resultsDirectory: directory, workersPerClient: 3);

        Assert.Equal(3, result.Silos);
        Assert.Equal(4, result.Clients);
        Assert.Equal(12, result.Workers);
        Assert.Equal(5, result.AllClientsMs.Count);
        // Each trial waits for every worker of all four clients (or fails); the last one cannot hear it before the first.
        Assert.All(result.AllClientsMs, ms => Assert.InRange(ms, 0, 10_000));
        Assert.True(result.AllClientsP50Ms >= result.FirstClientP50Ms, "the last client heard it before the first");
        Assert.True(File.Exists(Path.Combine(directory, "propagation.json")));
    }
}
