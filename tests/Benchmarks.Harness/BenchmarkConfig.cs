using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using RecoveryCluster.Testing;

namespace RecoveryCluster.Benchmarks;

/// <summary>Results go to tests/Benchmarks/results (git-ignored) as Markdown and JSON, with allocations.</summary>
public static class BenchmarkConfig
{
    public static IConfig Create(bool smoke = false)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .WithArtifactsPath(ResultsDirectory)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full)
            .WithOptions(ConfigOptions.JoinSummary);
        return smoke
            ? config.AddJob(Job.Dry.WithToolchain(InProcessNoEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
            : config;
    }

    public static string ResultsDirectory { get; } = Path.Combine(Repository.Root, "tests", "Benchmarks", "results");
}
