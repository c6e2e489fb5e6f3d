using RecoveryCluster.Benchmarks.Recovery;
using RecoveryCluster.Worker;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>Keeps the P5 harness working on a few seconds per side; the full runs are by hand (docs/benchmarks.md).</summary>
[Collection(SoloCollection.Name)]
public sealed class RecoveryBenchmarkSmokeTests
{
    [Fact]
    public async Task Both_sides_run_the_same_faults_and_the_report_compares_them()
    {
        var directory = Directory.CreateTempSubdirectory("rc-recovery").FullName;
        var result = await RecoveryBenchmark.RunAsync(RecoveryBenchmarkSettings.For(RecoveryBenchmarkMode.Smoke, seed: 7), directory);

        var off = Assert.Single(result.Runs, r => !r.BreakerOn);
        var on = Assert.Single(result.Runs, r => r.BreakerOn);
        Assert.True(off.FaultsPlanted > 0, "the smoke schedule planted no fault");
        Assert.Equal(off.FaultsPlanted, on.FaultsPlanted);
        Assert.All(result.Runs, r => Assert.True(r.Operations > 0 && r.Recoveries.Count > 0, $"breaker {(r.BreakerOn ? "on" : "off")} ran no recovery"));
        Assert.Equal(on.Recoveries.Count, result.Overall.On.Recoveries);
        Assert.InRange(result.Overall.Off.SuccessRate, 0, 1);
        foreach (var file in new[] { "recovery.json", "recovery.md", "recovery-time.svg", "success-by-kind.svg", "time-by-intensity.svg" })
        {
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} was not written");
        }
    }

    [Fact]
    public void A_schedule_depends_on_the_seed_alone_and_honours_the_kind_filter()
    {
        var settings = RecoveryBenchmarkSettings.For(RecoveryBenchmarkMode.Quick, seed: 3, kinds: [FailureKind.Crash, FailureKind.Timeout]);

        var first = FaultSchedule.Build(settings, 3, components: 4);
        var again = FaultSchedule.Build(settings, 3, components: 4);

        Assert.NotEmpty(first);
        Assert.Equal(first, again);
        Assert.All(first, f => Assert.Contains(f.Kind, new[] { FailureKind.Crash, FailureKind.Timeout }));
        Assert.NotEqual(first, FaultSchedule.Build(settings, 4, components: 4));
    }
}
