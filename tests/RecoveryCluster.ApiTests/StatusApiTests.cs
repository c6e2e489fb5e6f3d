using System.Net;

namespace RecoveryCluster.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class StatusApiTests(SiloHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task Status_counts_errors_strategies_and_executions()
    {
        var (_, before) = await Http.GetJsonAsync("/api/status");
        var totalBefore = before!["errorHandling"]!["totalErrors"]!.GetValue<long>();
        await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(RecoveryCluster.ApiTests.Http.NewComponent("status")));

        for (var i = 0; ; i++)
        {
            var (status, body) = await Http.GetJsonAsync("/api/status");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ok", body!["status"]!.GetValue<string>());
            Assert.Equal(1, body["silos"]!.GetValue<int>());
            if (body["errorHandling"]!["totalErrors"]!.GetValue<long>() == totalBefore + 1)
            {
                break;
            }

            Assert.True(i < 400, "the new error did not reach the status counts within 10 s");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Status_counts_the_strategies_with_recorded_executions_not_the_catalog()
    {
        // Run a strategy nothing else in this host records, then compare with the metrics' strategies: the same count.
        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(RecoveryCluster.ApiTests.Http.NewComponent("status-strategies")));
        var plan = report!["plan"]!;
        await Http.PostAsync($"/api/errors/{report["errorId"]!.GetValue<string>()}/attempts",
            new { attempt = plan["attempt"]!.GetValue<int>(), strategyId = plan["strategyId"]!.GetValue<string>(), success = true, executionTimeSeconds = 0.5 });

        var (_, metrics) = await Http.GetJsonAsync("/api/recovery/metrics");
        var (_, status) = await Http.GetJsonAsync("/api/status");
        var recorded = metrics!["strategies"]!.AsObject().Count;
        Assert.InRange(recorded, 1, 10);
        Assert.True(metrics["strategies"]!.AsObject().ContainsKey(plan["strategyId"]!.GetValue<string>()));
        Assert.Equal(recorded, status!["errorHandling"]!["recoveryStrategies"]!.GetValue<int>());
    }

    [Fact]
    public async Task Diagnostics_list_silos_storage_open_circuits_and_escalations()
    {
        // A type no other test in this shared host uses: five failures lower its strategies' scores, which would
        // change the plans other tests expect for their types.
        var component = RecoveryCluster.ApiTests.Http.NewComponent("diag");
        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "validation"));
        var errorId = report!["errorId"]!.GetValue<string>();
        await Http.PostAsync($"/api/circuits/{component}/isolate", new { reason = "diagnostics test" });

        // Fail every plan, levels 1 to 5: the fifth failure escalates the error, which the registry lists.
        var before = TimeProvider.System.GetUtcNow();
        var tried = new List<string>();
        var plan = report["plan"];
        while (plan is not null)
        {
            tried.Add(plan["strategyId"]!.GetValue<string>());
            var (_, result) = await Http.PostAsync($"/api/errors/{errorId}/attempts", new
            {
                strategyId = tried[^1],
                attempt = plan["attempt"]!.GetValue<int>(),
                success = false,
                executionTimeSeconds = 0.1,
            });
            plan = result!["nextPlan"];
        }

        var after = TimeProvider.System.GetUtcNow();
        Assert.Equal(5, tried.Count);

        // The circuit registry is fed one-way when a breaker activates: poll until it lists the component.
        System.Text.Json.Nodes.JsonNode? body = null;
        for (var i = 0; i < 400; i++)
        {
            var (status, answer) = await Http.GetJsonAsync("/api/diagnostics");
            Assert.Equal(HttpStatusCode.OK, status);
            body = answer;
            if (body!["openCircuits"]!.AsArray().Any(c => c!["component"]!.GetValue<string>() == component))
            {
                break;
            }

            await Task.Delay(25);
        }

        Assert.Single(body!["silos"]!.AsArray());
        Assert.Equal("memory", body["storage"]!["provider"]!.GetValue<string>());
        Assert.False(body["storage"]!["durable"]!.GetValue<bool>());
        Assert.Contains(body["openCircuits"]!.AsArray(), c => c!["component"]!.GetValue<string>() == component);

        // The escalation is written before the fifth attempt is answered, so it is listed now, once, with what was tried.
        var escalation = Assert.Single(body["escalations"]!.AsArray(), e => e!["errorId"]!.GetValue<string>() == errorId)!;
        Assert.Equal("validation", escalation["type"]!.GetValue<string>());
        Assert.Equal(component, escalation["component"]!.GetValue<string>());
        Assert.Equal("Save", escalation["operation"]!.GetValue<string>());
        Assert.Equal("connection reset after 30 ms", escalation["message"]!.GetValue<string>());
        Assert.Equal(5, escalation["attempts"]!.GetValue<int>());
        Assert.Equal(tried.Distinct(), escalation["strategiesTried"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(1, escalation["episode"]!.GetValue<int>());
        Assert.InRange(escalation["escalatedAt"]!.GetValue<DateTimeOffset>(), before, after);
    }

    [Fact]
    public async Task Health_readiness_openapi_and_dashboard_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/healthz")).Status);
        var (readyStatus, ready) = await Http.GetJsonAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("ready", ready!["status"]!.GetValue<string>());
        Assert.Equal(1, ready["silos"]!.GetValue<int>());
        using (var post = await Http.PostAsync(new Uri("/healthz", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        }

        var (openApiStatus, openApi) = await Http.GetJsonAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApiStatus);
        var paths = openApi!["paths"]!.AsObject();
        foreach (var path in new[] { "/api/errors", "/api/errors/{errorId}", "/api/errors/{errorId}/attempts", "/api/recovery/metrics", "/api/circuits/{component}/isolate", "/api/status" })
        {
            Assert.True(paths.ContainsKey(path), $"the OpenAPI document lacks {path}");
        }

        using var dashboard = await Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("html", (await dashboard.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }
}
