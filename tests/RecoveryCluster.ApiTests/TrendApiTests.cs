using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.History;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ApiTests;

/// <summary>Trends in the recommendations and the charts' series; the worker type's statistics and history belong to these tests.</summary>
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

    [Fact]
    public async Task Recommendations_report_a_fall_and_a_rise_in_stability_from_the_history()
    {
        await host.Http.PostAsync("/api/recovery/reset", new { errorType = "worker" });
        var now = TimeProvider.System.GetUtcNow();
        // Worker recovery: stability 0.9 three hours ago, 0.5 now; compensating transaction: 0.4, then 0.8.
        await AppendAsync(Runs(StrategyIds.WorkerRecovery, 24, now.AddHours(-3), 0.9).Concat(Runs(StrategyIds.WorkerRecovery, 24, now.AddMinutes(-1), 0.5)));
        await AppendAsync(Runs(StrategyIds.CompensatingTransaction, 20, now.AddHours(-3), 0.4).Concat(Runs(StrategyIds.CompensatingTransaction, 20, now.AddMinutes(-1), 0.8)));

        var (status, ranked) = await host.Http.GetJsonAsync("/api/recovery/recommendations/worker");

        Assert.Equal(HttpStatusCode.OK, status);
        JsonNode Stability(string strategy) => Assert.Single(ranked!.AsArray().Single(r => r!["strategyId"]!.GetValue<string>() == strategy)!["trends"]!.AsArray(),
            t => t!["metric"]!.GetValue<string>() == "stability")!;
        var worse = Stability(StrategyIds.WorkerRecovery);
        Assert.Equal("worse", worse["direction"]!.GetValue<string>());
        Assert.Equal(0.9, worse["baseline"]!.GetValue<double>(), 9);
        Assert.Equal(0.5, worse["recent"]!.GetValue<double>(), 9);
        Assert.Equal("worker/worker-recovery: stability 0.90 → 0.50 in the last hour, 24 samples (against 24 before)", worse["summary"]!.GetValue<string>());
        var better = Stability(StrategyIds.CompensatingTransaction);
        Assert.Equal("better", better["direction"]!.GetValue<string>());
        Assert.Equal("worker/compensating-transaction: stability 0.40 → 0.80 in the last hour, 20 samples (against 20 before)", better["summary"]!.GetValue<string>());
        await host.Http.PostAsync("/api/recovery/reset", new { errorType = "worker" });
    }

    [Fact]
    public async Task Trends_heatmap_and_errors_behind_are_computed_from_the_history()
    {
        await host.Http.PostAsync("/api/recovery/reset", new { errorType = "worker" });
        var now = TimeProvider.System.GetUtcNow();
        var early = HourOf(now.AddHours(-3));
        var late = HourOf(now.AddHours(-1));
        var (a, b) = ($"trend-a-{Guid.NewGuid():N}", $"trend-b-{Guid.NewGuid():N}");
        // Error a: worker recovery at level 3 works (4 s), then system recovery at level 4 fails (6 s); error b: worker recovery at 3 works (2 s).
        await AppendAsync(
        [
            Record(a, StrategyIds.WorkerRecovery, RecoveryLevel.Component, early.AddMinutes(10), true, 4, 0.2, 0.8),
            Record(a, StrategyIds.SystemRecovery, RecoveryLevel.SystemComponent, early.AddMinutes(20), false, 6, 0.6, null),
            Record(b, StrategyIds.WorkerRecovery, RecoveryLevel.Component, late.AddMinutes(5), true, 2, 0.4, 0.6),
        ]);

        var (status, trends) = await host.Http.GetJsonAsync("/api/recovery/trends?bucket=hour&days=1&errorType=worker");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("hour", trends!["bucket"]!.GetValue<string>());
        Assert.Equal(3, trends["records"]!.GetValue<int>());
        Assert.False(trends["truncated"]!.GetValue<bool>());
        var points = trends["points"]!.AsArray();
        Assert.Equal([early, late], points.Select(p => p!["start"]!.GetValue<DateTimeOffset>()));
        var first = points[0]!;
        Assert.Equal((2, 1, 0.5), (first["executions"]!.GetValue<int>(), first["successes"]!.GetValue<int>(), first["successRate"]!.GetValue<double>()));
        Assert.Equal(0.4, first["averageImpact"]!.GetValue<double>(), 9);
        Assert.Equal((1, 0.8), (first["stabilitySamples"]!.GetValue<int>(), first["averageStability"]!.GetValue<double>()));
        Assert.Equal(1.0, first["strategies"]![StrategyIds.WorkerRecovery]!["successRate"]!.GetValue<double>());
        Assert.Equal(0.0, first["strategies"]![StrategyIds.SystemRecovery]!["successRate"]!.GetValue<double>());
        Assert.Equal((4.0, 6.0), (first["levelSeconds"]!["3"]!.GetValue<double>(), first["levelSeconds"]!["4"]!.GetValue<double>()));
        Assert.Equal(0.6, points[1]!["averageStability"]!.GetValue<double>(), 9);
        // Time per level: level 3 saw both errors for 4 s and 2 s, level 4 one error for 6 s.
        AssertLevel(trends["levels"]!["3"]!, attempts: 2, errors: 2, perAttempt: 3, perError: 3);
        AssertLevel(trends["levels"]!["4"]!, attempts: 1, errors: 1, perAttempt: 6, perError: 6);
        Assert.Null(trends["levels"]!["1"]);

        var (_, oneStrategy) = await host.Http.GetJsonAsync($"/api/recovery/trends?bucket=day&days=2&errorType=worker&strategyId={StrategyIds.WorkerRecovery}");
        var day = Assert.Single(oneStrategy!["points"]!.AsArray())!;
        Assert.Equal((2, 2), (day["executions"]!.GetValue<int>(), day["successes"]!.GetValue<int>()));

        var (_, heatmap) = await host.Http.GetJsonAsync("/api/recovery/heatmap?errorType=worker");
        var cells = heatmap!["cells"]!.AsArray();
        Assert.Equal([3, 4], cells.Select(c => c!["level"]!.GetValue<int>()));
        Assert.Equal((2, 2, 2), (cells[0]!["attempts"]!.GetValue<int>(), cells[0]!["errors"]!.GetValue<int>(), cells[0]!["successes"]!.GetValue<int>()));
        Assert.Equal(0.3, cells[0]!["averageImpact"]!.GetValue<double>(), 9);
        Assert.Equal(0.6, cells[1]!["averageImpact"]!.GetValue<double>(), 9);

        // The errors behind the level-3 cell, the latest first; behind the level-4 cell only a; behind the early hour only a, with both its attempts.
        var (_, atThree) = await host.Http.GetJsonAsync("/api/recovery/errors?errorType=worker&level=3");
        Assert.Equal([b, a], atThree!.AsArray().Select(e => e!["errorId"]!.GetValue<string>()));
        var (_, atFour) = await host.Http.GetJsonAsync("/api/recovery/errors?errorType=worker&level=4");
        Assert.Equal(a, Assert.Single(atFour!.AsArray())!["errorId"]!.GetValue<string>());
        var range = $"from={Uri.EscapeDataString(early.ToString("O"))}&to={Uri.EscapeDataString(early.AddHours(1).ToString("O"))}";
        var (_, inHour) = await host.Http.GetJsonAsync($"/api/recovery/errors?errorType=worker&{range}");
        var behind = Assert.Single(inHour!.AsArray())!;
        Assert.Equal((a, 2, 1), (behind["errorId"]!.GetValue<string>(), behind["attempts"]!.GetValue<int>(), behind["successes"]!.GetValue<int>()));
        await host.Http.PostAsync("/api/recovery/reset", new { errorType = "worker" });
    }

    [Theory]
    [InlineData("/api/recovery/trends?bucket=week", "bucket")]
    [InlineData("/api/recovery/trends?bucket=minute&days=30", "bucket")]
    [InlineData("/api/recovery/trends?days=0", "days")]
    [InlineData("/api/recovery/trends?errorType=gremlins", "errorType")]
    [InlineData("/api/recovery/trends?strategyId=%01", "strategyId")]
    [InlineData("/api/recovery/heatmap?days=3651", "days")]
    [InlineData("/api/recovery/heatmap?errorType=gremlins", "errorType")]
    [InlineData("/api/recovery/errors?level=6", "level")]
    [InlineData("/api/recovery/errors?level=0", "level")]
    [InlineData("/api/recovery/errors?limit=0", "limit")]
    [InlineData("/api/recovery/errors?from=2026-01-01T01:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task Chart_queries_refuse_bad_parameters_naming_the_field(string path, string field)
    {
        var response = await host.Http.GetJsonAsync(path);

        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, response);
        Assert.NotNull(response.Body!["errors"]![field]);
    }

    private static void AssertLevel(JsonNode level, int attempts, int errors, double perAttempt, double perError)
    {
        Assert.Equal((attempts, errors), (level["attempts"]!.GetValue<int>(), level["errors"]!.GetValue<int>()));
        Assert.Equal(perAttempt, level["averageAttemptSeconds"]!.GetValue<double>(), 9);
        Assert.Equal(perError, level["averageSecondsPerError"]!.GetValue<double>(), 9);
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    private async Task AppendAsync(IEnumerable<RecoveryRecord> records)
    {
        var store = host.Services.GetRequiredService<IRecoveryHistoryStore>();
        foreach (var record in records)
        {
            await store.AppendAsync(record);
        }
    }

    /// <summary><paramref name="count"/> worker attempts of one strategy at <paramref name="at"/>, stability alternating mean ± 0.02.</summary>
    private static IEnumerable<RecoveryRecord> Runs(string strategy, int count, DateTimeOffset at, double mean) =>
        Enumerable.Range(0, count).Select(i => Record($"stability-{Guid.NewGuid():N}", strategy, RecoveryLevel.Component, at, true, 1, 0.1, mean + (i % 2 == 0 ? 0.02 : -0.02)));

    private static RecoveryRecord Record(string errorId, string strategy, RecoveryLevel level, DateTimeOffset at, bool success, double seconds, double impact, double? stability) =>
        new(errorId, ErrorType.Worker, strategy, level, 1, success, TimeSpan.FromSeconds(seconds), 0, 0, null, null, impact, stability, null, null, "trend-tests", at, success,
            Guid.NewGuid());
}
