using System.Diagnostics;
using System.Text.Json;

namespace RecoveryCluster.DurableTests;

/// <summary>The scale benchmark in seconds, run as a user runs it, so the harness keeps working; its full run is by hand.</summary>
[Collection(DurableCollection.Name)]
public sealed class ScaleBenchmarkSmokeTests(SharedPostgres postgres)
{
    [Fact]
    public async Task The_scale_benchmark_measures_every_point_and_writes_its_results()
    {
        var results = Directory.CreateTempSubdirectory("rc-scale-smoke-");
        try
        {
            var benchmarks = Path.Combine(Repository.Root, "tests", "Benchmarks", "bin", Repository.Configuration, "net10.0", "RecoveryCluster.Benchmarks.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { benchmarks, "scale", "2", "--points", "100,3000", "--threads", "4", "--server", postgres.Server.AdminConnectionString, "--results", results.FullName },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(limit.Token);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await output}{await errors}");

            var json = Assert.Single(results.GetFiles("scale-*.json"));
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json.FullName));
            var points = document.RootElement.EnumerateArray().ToArray();
            Assert.Equal([100, 3000], points.Select(p => p.GetProperty("StoredErrors").GetInt32()));
            Assert.All(points, p =>
            {
                Assert.True(p.GetProperty("Reports").GetInt64() > 0);
                Assert.Equal(0, p.GetProperty("FailedReports").GetInt64());
                Assert.InRange(p.GetProperty("ReportP50Ms").GetDouble(), 0.01, p.GetProperty("ReportP99Ms").GetDouble());
                Assert.True(p.GetProperty("SiloRssAfterMb").GetDouble() > 10);
                Assert.True(p.GetProperty("GrainCallsPerReport").GetDouble() > 0);
            });
            Assert.Contains("3,000 vs 100 errors", await output, StringComparison.Ordinal);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
