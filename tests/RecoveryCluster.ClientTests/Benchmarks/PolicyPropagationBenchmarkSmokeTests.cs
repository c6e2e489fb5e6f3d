using RecoveryCluster.Benchmarks.PolicyPropagation;

namespace RecoveryCluster.ClientTests.Benchmarks;

/// <summary>
/// Keeps the policy propagation harness working: three silo processes, four worker processes on one-minute leases,
/// a few PUTs each of which every worker must hear (pushed: a scheduled renewal would come only after 12 s).
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class PolicyPropagationBenchmarkSmokeTests
{
    [Fact]
    public async Task Every_worker_process_holds_each_new_policy_well_before_its_next_scheduled_renewal()
    {
        var directory = Directory.CreateTempSubdirectory("rc-policy-propagation").FullName;
        var result = await PolicyPropagationBenchmark.RunAsync(trials: 5, resultsDirectory: directory);

        Assert.Equal(3, result.Silos);
        Assert.Equal(4, result.Workers);
        Assert.Equal(5, result.AllWorkersMs.Count);
        Assert.All(result.AllWorkersMs, ms => Assert.InRange(ms, 0, 5_000));
        Assert.True(File.Exists(Path.Combine(directory, "policy-propagation.json")));
    }
}
