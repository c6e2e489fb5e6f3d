using RecoveryCluster.Benchmarks;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>Keeps the P6 harness working on a short run; the full run is by hand (docs/benchmarks.md).</summary>
public sealed class LearningBenchmarkSmokeTests
{
    [Fact]
    public async Task The_learning_harness_runs_every_type_and_phase_and_writes_its_results()
    {
        var directory = Directory.CreateTempSubdirectory("rc-learning").FullName;
        var result = await LearningBenchmark.RunAsync(errorsPerPhase: 20, seed: 7, resultsDirectory: directory);

        Assert.Equal(6, result.Rows.Count);
        Assert.All(result.Rows, r =>
        {
            Assert.InRange(r.ClusterSuccess, 0, 1);
            Assert.InRange(r.FixedOrderSuccess, 0, 1);
            Assert.True(r.OracleSuccess >= 0.8, "the oracle always picks a strategy of at least 80 %");
        });
        Assert.True(File.Exists(Path.Combine(directory, "learning.json")));
        Assert.Contains("| database | first |", await File.ReadAllTextAsync(Path.Combine(directory, "learning.md")), StringComparison.Ordinal);
    }
}
