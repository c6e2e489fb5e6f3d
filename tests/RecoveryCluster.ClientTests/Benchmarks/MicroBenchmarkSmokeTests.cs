using BenchmarkDotNet.Running;
using RecoveryCluster.Benchmarks;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>Keeps the benchmark harness working: each micro benchmark runs once, in process, and must produce a result.</summary>
public sealed class MicroBenchmarkSmokeTests
{
    [Theory]
    [InlineData(typeof(GateBenchmark))]
    [InlineData(typeof(PolicyBenchmark))]
    public void Every_micro_benchmark_runs_and_reports(Type benchmark)
    {
        var summary = BenchmarkRunner.Run(benchmark, BenchmarkConfig.Create(smoke: true));
        Assert.False(summary.HasCriticalValidationErrors, string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
        Assert.NotEmpty(summary.Reports);
        Assert.All(summary.Reports, r => Assert.True(r.Success, $"{r.BenchmarkCase.DisplayInfo} failed"));
    }
}
