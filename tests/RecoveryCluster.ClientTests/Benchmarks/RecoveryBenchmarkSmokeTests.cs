using RecoveryCluster.Benchmarks.Recovery;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>Keeps the recovery benchmark working on a few seconds per arm; the full runs are by hand (docs/benchmarks.md).</summary>
[Collection(SoloCollection.Name)]
public sealed class RecoveryBenchmarkSmokeTests
{
    [Fact]
    public async Task Every_arm_meets_the_same_faults_and_the_report_compares_them()
    {
        var directory = Directory.CreateTempSubdirectory("rc-recovery").FullName;
        var result = await RecoveryBenchmark.RunAsync(RecoveryBenchmarkSettings.For(RecoveryBenchmarkMode.Smoke, seed: 7), directory);

        Assert.Equal(Enum.GetValues<RecoveryArm>(), result.Arms.Select(a => a.Arm));
        var faults = result.Arms[0].Faults;
        Assert.True(faults > 0, "the smoke schedule planted no fault");
        Assert.All(result.Arms, a =>
        {
            Assert.Equal(faults, a.Faults);
            Assert.True(a.Operations > 0, $"{a.Arm} ran no operation");
            Assert.True(a.CallsIntoFaulty > 0, $"{a.Arm} never called a faulty component");
            Assert.InRange(a.SuccessShare, 0, 1);
        });
        var headlines = RecoveryReport.Headlines(result).ToList();
        Assert.Equal(3, headlines.Count);
        Assert.StartsWith("Cluster down the whole run vs polly-standard", headlines[2], StringComparison.Ordinal);
        var json = File.ReadAllText(Path.Combine(directory, "recovery.json"));
        foreach (var key in new[] { "operations", "failedOperations", "callsIntoFaulty", "faultMeanMs", "recoveryMeanMs", "recoveryP99Ms", "escalations" })
        {
            Assert.Contains($"\"{key}\"", json, StringComparison.Ordinal);
        }

        foreach (var file in new[] { "recovery.json", "recovery.md", "failed-operations.svg", "calls-into-faulty.svg", "recovery-time.svg" })
        {
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} was not written");
        }
    }

    [Fact]
    public void A_schedule_depends_on_the_seed_alone_and_honours_the_pattern_and_kind_filters()
    {
        var options = new FaultOptions { Rate = 0.3, Patterns = [FaultPattern.Overload, FaultPattern.RepairOnly], Kinds = [FailureKind.Crash, FailureKind.ConnectionFailure] };

        var first = FailureInjector.Schedule(3, options, components: 4, TimeSpan.FromSeconds(30));
        var again = FailureInjector.Schedule(3, options, components: 4, TimeSpan.FromSeconds(30));

        Assert.NotEmpty(first);
        Assert.Equal(first, again);
        Assert.All(first, f => Assert.Contains(f.Pattern, options.Patterns));
        Assert.All(first, f => Assert.Contains(f.Kind, options.Kinds));
        Assert.All(first, f => Assert.InRange(f.Due, TimeSpan.Zero, TimeSpan.FromSeconds(29)));
        Assert.NotEqual(first, FailureInjector.Schedule(4, options, components: 4, TimeSpan.FromSeconds(30)));
    }
}
