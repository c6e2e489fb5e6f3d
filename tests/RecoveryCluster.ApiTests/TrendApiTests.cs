using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ApiTests;

/// <summary>Worsening trends in the recommendations; the worker type's statistics belong to this test.</summary>
[Collection(ApiCollection.Name)]
public sealed class TrendApiTests(SiloHostFixture host)
{
    [Fact]
    public async Task Recommendations_say_in_plain_words_when_a_strategy_is_getting_worse()
    {
        await host.Http.PostAsync("/api/recovery/reset", new { errorType = "worker" });
        var stats = host.Grains.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Worker, StrategyIds.WorkerRecovery));
        var now = TimeProvider.System.GetUtcNow();
        // Three hours ago: 40 runs, 36 good; now: 30 runs, 9 good.
        for (var i = 0; i < 70; i++)
        {
            var recent = i >= 40;
            var success = recent ? i % 10 < 3 : i % 10 != 0;
            await stats.RecordAsync(new StrategyExecution(success, TimeSpan.FromSeconds(1), 0, 0, 0.1, null, null, false, RecoveryLevel.Component,
                recent ? now : now.AddHours(-3)));
        }

        var (_, ranked) = await host.Http.GetJsonAsync("/api/recovery/recommendations/worker");

        var entry = ranked!.AsArray().Single(r => r!["strategyId"]!.GetValue<string>() == StrategyIds.WorkerRecovery)!;
        var trend = Assert.Single(entry["trends"]!.AsArray())!;
        Assert.Equal("success-rate", trend["metric"]!.GetValue<string>());
        Assert.Equal("worker/worker-recovery: success 90 % → 30 % in the last hour, 30 samples (against 40 before)", trend["summary"]!.GetValue<string>());
        Assert.All(ranked.AsArray().Where(r => r!["strategyId"]!.GetValue<string>() != StrategyIds.WorkerRecovery), r => Assert.Empty(r!["trends"]!.AsArray()));
        await host.Http.PostAsync("/api/recovery/reset", new { errorType = "worker" });
    }
}
