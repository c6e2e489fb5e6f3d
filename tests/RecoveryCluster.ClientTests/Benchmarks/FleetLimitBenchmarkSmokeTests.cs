using RecoveryCluster.Benchmarks.FleetLimit;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>
/// Keeps the fleet limit harness working: one silo process, four worker processes pushing past a small limit. Loose
/// bounds (a short run on a shared machine); the benchmark itself judges ±5 %.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class FleetLimitBenchmarkSmokeTests
{
    [Fact]
    public async Task Four_worker_processes_pushing_past_a_fleet_limit_are_held_to_it()
    {
        var directory = Directory.CreateTempSubdirectory("rc-fleet-limit").FullName;
        var phases = await FleetLimitBenchmark.RunAsync(8, 100, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(3), directory);

        var concurrency = Assert.Single(phases, p => p.Kind == "concurrency");
        Assert.Equal(4, concurrency.Workers);
        Assert.InRange(concurrency.PeakInFlight, 1, 9);
        Assert.InRange(concurrency.MeanInFlight, 8 * 0.7, 8 * 1.05);
        Assert.True(concurrency.Refused > 0, "the workers never pushed past the limit");

        var rate = Assert.Single(phases, p => p.Kind == "rate");
        Assert.InRange(rate.CallsPerSecond, 100 * 0.7, 100 * 1.1);
        Assert.True(rate.Refused > 0, "the workers never pushed past the limit");
        Assert.True(File.Exists(Path.Combine(directory, "fleet-limit.json")));
    }
}
