using RecoveryCluster.ClusterTests.Strategies;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests.Errors;

[Collection(ClusterCollection.Name)]
public sealed class AggregationTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task One_hundred_repeats_of_one_failure_aggregate_into_one_error()
    {
        var component = Failures.NewComponent("cache");
        var ids = new HashSet<string>();
        for (var i = 0; i < 100; i++)
        {
            // Volatile parts differ on every repeat: numbers, GUIDs, addresses.
            var message = $"request {Guid.NewGuid()} to 10.0.{i % 250}.7:6379 failed after {i * 3} ms";
            var result = await Client.ReportAsync(Failures.Occurrence(component, worker: $"worker-{i % 7}", type: ErrorType.Connection, message: message));
            ids.Add(result.ErrorId);
        }

        var errorId = Assert.Single(ids);
        var report = await Client.GetGrain<IErrorGrain>(errorId).GetReportAsync();
        Assert.Equal(100, report!.AggregatedCount);
        Assert.Equal(20, report.RelatedErrors.Count);
        Assert.Equal(1, report.Episode);
    }

    [Fact]
    public async Task One_thousand_concurrent_reports_leave_an_exact_count()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("queue"), type: ErrorType.Task);
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Client.ReportAsync(occurrence)));

        var report = await Client.Grain(occurrence).GetReportAsync();
        Assert.Equal(1000, report!.AggregatedCount);
        Assert.Equal(1, report.Episode);
    }

    [Fact]
    public async Task One_thousand_concurrent_outcomes_on_one_error_leave_exact_counts()
    {
        await Client.ResetStatsAsync(ErrorType.Resource);
        var occurrence = Failures.Occurrence(Failures.NewComponent("gpu-pool"), type: ErrorType.Resource);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: true, seconds: 0.5))));

        Assert.All(results, r => Assert.Equal(ErrorStatus.Resolved, r.Status));
        var report = await Client.Grain(occurrence).GetReportAsync();
        Assert.Equal(1000, report!.RetryCount);
        Assert.Equal(ErrorStatus.Resolved, report.Status);
        await fixture.HandedOnAsync();
        var stats = await Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Resource, plan.StrategyId)).GetSnapshotAsync();
        Assert.Equal(1000, stats.TotalExecutions);
        Assert.Equal(1000, stats.TotalSuccesses);
    }
}
