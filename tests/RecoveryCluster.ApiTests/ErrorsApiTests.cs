using System.Net;

namespace RecoveryCluster.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class ErrorsApiTests(SiloHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task Reporting_an_error_returns_201_with_its_id_and_the_first_plan_and_repeats_aggregate()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("orders-db");
        var (status, body) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, severity: "high"));

        Assert.Equal(HttpStatusCode.Created, status);
        var errorId = body!["errorId"]!.GetValue<string>();
        Assert.StartsWith("database-", errorId, StringComparison.Ordinal);
        Assert.Equal(1, body["aggregatedCount"]!.GetValue<long>());
        var plan = body["plan"]!;
        Assert.Equal(1, plan["attempt"]!.GetValue<int>());
        Assert.Equal(1, plan["level"]!.GetValue<int>());
        Assert.Equal("retry", plan["strategyId"]!.GetValue<string>());
        Assert.Equal("closed", plan["circuitState"]!.GetValue<string>());
        Assert.True(plan["timeoutSeconds"]!.GetValue<double>() > 0);
        Assert.NotEmpty(plan["alternatives"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(plan["reason"]!.GetValue<string>()));

        var (_, again) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, message: "connection reset after 45 ms"));
        Assert.Equal(errorId, again!["errorId"]!.GetValue<string>());
        Assert.Equal(2, again["aggregatedCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_reported_pattern_and_its_strategy_choose_level_one_and_bad_pattern_fields_are_400s_naming_the_field()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("schema");
        object Report(string? patternId, string? preferredStrategy) => new
        {
            type = "validation",
            message = "schema drift: column 'total' is missing",
            component,
            operation = "Save",
            workerId = "http-worker",
            patternId,
            preferredStrategy,
        };

        var (status, body) = await Http.PostAsync("/api/errors", Report("schema-drift", "error-correction"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, body!["plan"]!["level"]!.GetValue<int>());
        Assert.Equal("error-correction", body["plan"]!["strategyId"]!.GetValue<string>());

        var orphan = await Http.PostAsync("/api/errors", Report(null, "error-correction"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, orphan);
        Assert.NotNull(orphan.Body!["errors"]?["preferredStrategy"]);

        var unknown = await Http.PostAsync("/api/errors", Report("schema-drift", "no-such-strategy"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("preferredStrategy", unknown.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_posted_twice_with_one_outcome_id_counts_once()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("ledger");
        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "task"));
        var errorId = report!["errorId"]!.GetValue<string>();
        var body = new { strategyId = report["plan"]!["strategyId"]!.GetValue<string>(), success = false, executionTimeSeconds = 0.3, outcomeId = Guid.NewGuid(), attempt = 1 };

        var (first, firstAnswer) = await Http.PostAsync($"/api/errors/{errorId}/attempts", body);
        var (second, secondAnswer) = await Http.PostAsync($"/api/errors/{errorId}/attempts", body with { });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal(firstAnswer!["nextPlan"]!["attempt"]!.GetValue<int>(), secondAnswer!["nextPlan"]!["attempt"]!.GetValue<int>());
        var (_, error) = await Http.GetJsonAsync($"/api/errors/{errorId}");
        Assert.Equal(1, error!["retryCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Failed_attempts_climb_the_levels_and_a_success_resolves_the_error()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("queue");
        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "task"));
        var errorId = report!["errorId"]!.GetValue<string>();
        var strategy = report["plan"]!["strategyId"]!.GetValue<string>();

        var (status, failed) = await Http.PostAsync($"/api/errors/{errorId}/attempts", new { strategyId = strategy, success = false, executionTimeSeconds = 1.2, affectedTasks = 2, recoveredTasks = 0 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("retrying", failed!["status"]!.GetValue<string>());
        Assert.Equal(2, failed["level"]!.GetValue<int>());
        var next = failed["nextPlan"]!;
        Assert.Equal(2, next["attempt"]!.GetValue<int>());

        var (_, resolved) = await Http.PostAsync($"/api/errors/{errorId}/attempts", new
        {
            strategyId = next["strategyId"]!.GetValue<string>(),
            success = true,
            executionTimeSeconds = 0.4,
            affectedTasks = 2,
            recoveredTasks = 2,
            resourceUsage = new { before = new { cpuPercent = 40.0, memoryPercent = 50.0 }, after = new { cpuPercent = 45.0, memoryPercent = 52.0 } },
            stabilityScore = 1.0,
            hardwareId = "host-a",
        });
        Assert.Equal("resolved", resolved!["status"]!.GetValue<string>());
        Assert.Null(resolved["nextPlan"]);

        var (getStatus, error) = await Http.GetJsonAsync($"/api/errors/{errorId}");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("resolved", error!["status"]!.GetValue<string>());
        Assert.Equal(2, error["levelHistory"]!.AsArray().Count);
        Assert.Equal(2, error["retryCount"]!.GetValue<int>());

        // No pending plan any more: an outcome without an attempt number has nothing to answer.
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.Conflict,
            await Http.PostAsync($"/api/errors/{errorId}/attempts", new { strategyId = "retry", success = true, executionTimeSeconds = 1 }));
    }

    [Fact]
    public async Task Errors_are_listed_with_filters_and_resolved_by_hand()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("mailer");
        var (_, a) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "network", message: "host unreachable"));
        await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "timeout", message: "send timed out"));
        var errorId = a!["errorId"]!.GetValue<string>();

        var listed = await PollListAsync($"/api/errors?component={component}", 2);
        Assert.All(listed, e => Assert.Equal(component, e!["component"]!.GetValue<string>()));
        var network = await PollListAsync($"/api/errors?component={component}&type=network", 1);
        Assert.Equal(errorId, network[0]!["errorId"]!.GetValue<string>());

        var (status, resolved) = await Http.PostAsync($"/api/errors/{errorId}/resolve", new { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("resolved", resolved!["status"]!.GetValue<string>());
        var open = await PollListAsync($"/api/errors?component={component}&status=open", 1);
        Assert.NotEqual(errorId, open[0]!["errorId"]!.GetValue<string>());
        Assert.Single(await PollListAsync($"/api/errors?component={component}&limit=1", 1));
    }

    [Fact]
    public async Task Unknown_errors_are_404_problems()
    {
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.NotFound, await Http.GetJsonAsync("/api/errors/database-0000000000000000"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.NotFound, await Http.PostAsync("/api/errors/database-0000000000000000/resolve", new { }));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.NotFound,
            await Http.PostAsync("/api/errors/database-0000000000000000/attempts", new { strategyId = "retry", success = true, executionTimeSeconds = 1 }));
    }

    [Fact]
    public async Task Bad_reports_are_400_problems_naming_each_field()
    {
        var (status, body) = await Http.PostAsync("/api/errors", new { message = "", component = "", operation = new string('o', 300), severity = "awful" });
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, (status, body));
        var errors = body!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("message"));
        Assert.True(errors.ContainsKey("component"));
        Assert.True(errors.ContainsKey("operation"));
        Assert.True(errors.ContainsKey("severity"));

        // Control characters in identifiers (and a NUL in the message) are bad input, named, and nothing is recorded.
        var component = $"ctl-{Guid.NewGuid():N}";
        foreach (var (field, value) in new[] { ("component", "orders\u0000db"), ("operation", "\u001b[2J"), ("workerId", "bell\u0007"), ("hardwareId", "host\u0000") })
        {
            var request = new Dictionary<string, object> { ["message"] = "reset", ["component"] = component, ["operation"] = "Save", [field] = value };
            var (controlStatus, controlBody) = await Http.PostAsync("/api/errors", request);
            RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, (controlStatus, controlBody));
            Assert.Contains("control character", controlBody!["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest,
            await Http.PostAsync("/api/errors", new { message = "reset\u0000by peer", component, operation = "Save" }));
        Assert.Empty((await Http.GetJsonAsync($"/api/errors?component={component}")).Body!.AsArray());

        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.PostRawAsync("/api/errors", "{\"message\": "));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/errors?status=sleeping"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/errors?type=gremlins"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/errors?limit=0"));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413()
    {
        var huge = new string('x', 70 * 1024);
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.RequestEntityTooLarge,
            await Http.PostRawAsync("/api/errors", $"{{\"message\":\"{huge}\",\"component\":\"c\",\"operation\":\"o\"}}"));
    }

    /// <summary>The index is fed one-way, so a list catches up a moment after the report returns.</summary>
    private async Task<System.Text.Json.Nodes.JsonArray> PollListAsync(string path, int atLeast)
    {
        var deadline = DateTimeOffsetNow() + TimeSpan.FromSeconds(10);
        while (true)
        {
            var (status, body) = await Http.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            var list = body!.AsArray();
            if (list.Count >= atLeast || DateTimeOffsetNow() > deadline)
            {
                Assert.True(list.Count >= atLeast, $"expected at least {atLeast} errors from {path} within 10 s, got {list.Count}");
                return list;
            }

            await Task.Delay(25);
        }
    }

    private static DateTimeOffset DateTimeOffsetNow() => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task The_list_pages_through_a_next_link_in_memory_mode_too()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("paged");
        var reported = new List<string>();
        foreach (var user in new[] { "alice", "bob", "carol", "dave", "erin" })
        {
            var (_, body) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, message: $"user {user} not allowed"));
            reported.Add(body!["errorId"]!.GetValue<string>());
        }

        var seen = new List<string>();
        Uri? next = new($"/api/errors?component={component}&limit=2", UriKind.Relative);
        var pages = 0;
        while (next is not null)
        {
            using var response = await Http.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await RecoveryCluster.ApiTests.Http.ReadAsync(response))!.AsArray();
            Assert.InRange(page.Count, 1, 2);
            seen.AddRange(page.Select(e => e!["errorId"]!.GetValue<string>()));
            pages++;
            next = response.Headers.TryGetValues("Link", out var links)
                ? new Uri(links.Single().Split(['<', '>'], StringSplitOptions.RemoveEmptyEntries)[0], UriKind.Relative)
                : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(reported.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        var (bad, problem) = await Http.GetJsonAsync("/api/errors?after=bm90LWEtdG9rZW4");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["after"]);
    }
}
