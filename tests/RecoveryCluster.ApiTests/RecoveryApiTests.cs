using System.Net;

namespace RecoveryCluster.ApiTests;

/// <summary>Uses error types no other API test reports, so the exact figures belong to these tests.</summary>
[Collection(ApiCollection.Name)]
public sealed class RecoveryApiTests(SiloHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task Metrics_history_and_recommendations_reflect_the_recorded_attempts()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("render");
        await Http.PostAsync("/api/recovery/reset", new { errorType = "hardware" });

        // Three errors: one resolved at level 1, one failing at 1 and resolved at 2, one failing once.
        var outcomes = new[] { new[] { true }, new[] { false, true }, new[] { false } };
        for (var i = 0; i < outcomes.Length; i++)
        {
            var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "hardware", message: $"gpu fault kind {(char)('a' + i)}"));
            var errorId = report!["errorId"]!.GetValue<string>();
            System.Text.Json.Nodes.JsonNode? plan = report["plan"];
            foreach (var success in outcomes[i])
            {
                var (_, result) = await Http.PostAsync($"/api/errors/{errorId}/attempts", new
                {
                    strategyId = plan!["strategyId"]!.GetValue<string>(),
                    attempt = plan["attempt"]!.GetValue<int>(),
                    success,
                    executionTimeSeconds = 2.0,
                });
                plan = result!["nextPlan"];
            }
        }

        var (status, metrics) = await Http.GetJsonAsync("/api/recovery/metrics?errorType=hardware&days=1");
        Assert.Equal(HttpStatusCode.OK, status);
        var overall = metrics!["overall"]!;
        Assert.Equal(4, overall["totalExecutions"]!.GetValue<long>());
        Assert.Equal(0.5, overall["overallSuccessRate"]!.GetValue<double>(), 9);
        Assert.Equal(2.0, overall["averageExecutionSeconds"]!.GetValue<double>(), 9);
        Assert.Equal(4, metrics["strategies"]!["retry"]!["totalExecutions"]!.GetValue<long>());
        Assert.Equal(4, metrics["errorTypes"]!["hardware"]!["totalExecutions"]!.GetValue<long>());
        Assert.Equal(3, metrics["levels"]!["1"]!["attempts"]!.GetValue<long>());
        Assert.Equal(1, metrics["levels"]!["1"]!["resolved"]!.GetValue<long>());
        Assert.Equal(1, metrics["levels"]!["2"]!["attempts"]!.GetValue<long>());
        Assert.Equal(1, metrics["levels"]!["2"]!["resolved"]!.GetValue<long>());

        var (_, history) = await Http.GetJsonAsync("/api/recovery/history?errorType=hardware&strategyId=retry&limit=3");
        Assert.Equal(3, history!.AsArray().Count);
        Assert.All(history.AsArray(), r => Assert.Equal("retry", r!["strategyId"]!.GetValue<string>()));

        var (recStatus, ranked) = await Http.GetJsonAsync("/api/recovery/recommendations/hardware");
        Assert.Equal(HttpStatusCode.OK, recStatus);
        var first = ranked!.AsArray()[0]!;
        Assert.Equal(1, first["rank"]!.GetValue<int>());
        Assert.Equal("retry", first["strategyId"]!.GetValue<string>());
        Assert.Equal(4, first["samples"]!.GetValue<int>());
        Assert.True(first["timeoutSeconds"]!.GetValue<double>() > 0);

        // Forgetting the type's statistics and history.
        var (resetStatus, _) = await Http.PostAsync("/api/recovery/reset", new { errorType = "hardware" });
        Assert.Equal(HttpStatusCode.NoContent, resetStatus);
        var (_, after) = await Http.GetJsonAsync("/api/recovery/metrics?errorType=hardware");
        Assert.Equal(0, after!["overall"]!["totalExecutions"]!.GetValue<long>());
        var (_, rankedAfter) = await Http.GetJsonAsync("/api/recovery/recommendations/hardware");
        Assert.All(rankedAfter!.AsArray(), r => Assert.Equal(0, r!["samples"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Recommendations_for_a_machine_rank_by_what_worked_there_and_show_its_figures()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("scanner");
        await Http.PostAsync("/api/recovery/reset", new { errorType = "validation" });
        var machine = $"rack-{Guid.NewGuid():N}";
        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "validation", message: "badge reader jammed"));
        var errorId = report!["errorId"]!.GetValue<string>();
        var plan = report["plan"]!;
        var planned = plan["strategyId"]!.GetValue<string>();
        await Http.PostAsync($"/api/errors/{errorId}/attempts", new
        {
            strategyId = planned,
            attempt = plan["attempt"]!.GetValue<int>(),
            success = true,
            executionTimeSeconds = 1.0,
            hardwareId = machine,
        });

        var (status, ranked) = await Http.GetJsonAsync($"/api/recovery/recommendations/validation?hardwareId={machine}");

        Assert.Equal(HttpStatusCode.OK, status);
        var all = ranked!.AsArray();
        Assert.Equal((1, planned), (all[0]!["rank"]!.GetValue<int>(), all[0]!["strategyId"]!.GetValue<string>()));
        Assert.Equal((machine, 1L, 1L), (all[0]!["hardware"]!["hardwareId"]!.GetValue<string>(), all[0]!["hardware"]!["executions"]!.GetValue<long>(),
            all[0]!["hardware"]!["successes"]!.GetValue<long>()));
        Assert.All(all.Skip(1), r => Assert.Null(r!["hardware"]));
        Assert.Equal(Enumerable.Range(1, all.Count), all.Select(r => r!["rank"]!.GetValue<int>()));

        // Without the machine there are no machine figures; a bad machine name is refused naming the field.
        var (_, overall) = await Http.GetJsonAsync("/api/recovery/recommendations/validation");
        Assert.All(overall!.AsArray(), r => Assert.Null(r!["hardware"]));
        var refused = await Http.GetJsonAsync($"/api/recovery/recommendations/validation?hardwareId={Uri.EscapeDataString("rack\u0007")}");
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, refused);
        Assert.NotNull(refused.Body!["errors"]!["hardwareId"]);
    }

    [Fact]
    public async Task Reset_by_error_id_resolves_the_error()
    {
        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(RecoveryCluster.ApiTests.Http.NewComponent("ledger"), type: "coordinator"));
        var errorId = report!["errorId"]!.GetValue<string>();
        var (status, _) = await Http.PostAsync("/api/recovery/reset", new { errorId });
        Assert.Equal(HttpStatusCode.NoContent, status);
        var (_, error) = await Http.GetJsonAsync($"/api/errors/{errorId}");
        Assert.Equal("resolved", error!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_recovery_requests_are_problems()
    {
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.PostAsync("/api/recovery/reset", new { }));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.PostAsync("/api/recovery/reset", new { errorType = "gremlins" }));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.NotFound, await Http.PostAsync("/api/recovery/reset", new { errorId = "task-0000000000000000" }));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.NotFound, await Http.GetJsonAsync("/api/recovery/recommendations/gremlins"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/recovery/metrics?days=0"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/recovery/metrics?errorType=gremlins"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/recovery/history?limit=-5"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/recovery/history?since=yesterday"));
    }
}
