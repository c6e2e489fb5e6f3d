using RecoveryCluster.Benchmarks.History;

namespace RecoveryCluster.DurableTests;

/// <summary>The history query benchmark in seconds, so the harness keeps working; its full run is by hand.</summary>
[Collection(DurableCollection.Name)]
public sealed class HistoryBenchmarkSmokeTests(SharedPostgres postgres)
{
    [Fact]
    public async Task The_history_query_benchmark_loads_and_times_every_query()
    {
        var timings = await HistoryQueryBenchmark.RunAsync(postgres.Server.AdminConnectionString, rows: 20_000, runs: 3, resultsDirectory: null);

        Assert.Equal(8, timings.Count);
        Assert.All(timings, t =>
        {
            Assert.Equal(20_000, t.Rows);
            Assert.Equal(3, t.Runs);
            Assert.InRange(t.MedianMilliseconds, 0.01, t.MaxMilliseconds);
        });
    }
}
