using System.Net;
using System.Text.Json.Nodes;

namespace RecoveryCluster.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class EventsApiTests(SiloHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task The_event_stream_follows_one_error_from_report_to_resolution_in_order()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("sse");
        await using var stream = await EventStream.OpenAsync(Http, $"/api/events?component={component}");

        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "task"));
        var errorId = report!["errorId"]!.GetValue<string>();
        var plan = report["plan"]!;
        var (_, failed) = await Http.PostAsync($"/api/errors/{errorId}/attempts", new
        {
            strategyId = plan["strategyId"]!.GetValue<string>(), attempt = plan["attempt"]!.GetValue<int>(), success = false, executionTimeSeconds = 0.5,
        });
        var next = failed!["nextPlan"]!;
        await Http.PostAsync($"/api/errors/{errorId}/attempts", new
        {
            strategyId = next["strategyId"]!.GetValue<string>(), attempt = next["attempt"]!.GetValue<int>(), success = true, executionTimeSeconds = 0.25,
        });

        var events = await stream.ReadUntilAsync("resolved");

        Assert.Equal(["error-reported", "plan-issued", "attempt-recorded", "plan-issued", "attempt-recorded", "resolved"], events.Select(e => e.Kind));
        Assert.All(events, e =>
        {
            Assert.Equal(errorId, e.Data["errorId"]!.GetValue<string>());
            Assert.Equal(e.Id, e.Data["eventId"]!.GetValue<string>());
            Assert.Equal(e.Kind, e.Data["kind"]!.GetValue<string>());
            Assert.Equal("task", e.Data["errorType"]!.GetValue<string>());
            Assert.NotNull(e.Data["timestamp"]);
        });
        var sequences = events.Select(e => e.Data["sequence"]!.GetValue<long>()).ToArray();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal("basic", events[1].Data["level"]!.GetValue<string>());
        Assert.False(events[2].Data["success"]!.GetValue<bool>());
        Assert.Equal("enhanced", events[3].Data["level"]!.GetValue<string>());
        Assert.Equal(2, events[4].Data["attempt"]!.GetValue<int>());
        Assert.Equal("resolved", events[5].Data["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stream_that_disconnects_releases_its_subscription()
    {
        // Streams of the tests before this one (same host, run one after another) are released first.
        await UntilSubscribersAsync(0, "the earlier tests' streams to be released");
        var stream = await EventStream.OpenAsync(Http, "/api/events?kind=escalated,anomaly");
        Assert.Equal(1, await StreamSubscribersAsync());

        await stream.DisposeAsync();

        await UntilSubscribersAsync(0, "the closed stream's subscription to be released");
    }

    private async Task UntilSubscribersAsync(int expected, string what)
    {
        for (var i = 0; await StreamSubscribersAsync() != expected; i++)
        {
            Assert.True(i < 400, $"{what} did not happen within 10 s");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Bad_filters_are_problems()
    {
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/events?errorType=gremlins"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/events?kind=resolved,explosions"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync($"/api/events?component={new string('c', 300)}"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/anomalies?metric=vibes"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync("/api/anomalies?limit=0"));
    }

    [Fact]
    public async Task Anomalies_are_listed_and_diagnostics_show_the_event_figures()
    {
        var (status, anomalies) = await Http.GetJsonAsync("/api/anomalies?metric=decision-latency&limit=5");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(anomalies!.AsArray(), a => Assert.Equal("decision-latency", a!["metric"]!.GetValue<string>()));

        var (_, diagnostics) = await Http.GetJsonAsync("/api/diagnostics");
        var events = diagnostics!["events"]!;
        Assert.Equal(0, events["droppedByPublisher"]!.GetValue<long>());
        Assert.False(events["escalationWebhook"]!["enabled"]!.GetValue<bool>());
        Assert.NotNull(events["escalationWebhook"]!["deliveries"]!["delivered"]);
    }

    [Fact]
    public async Task Metrics_carry_the_secondary_figures()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("secondary");
        await Http.PostAsync("/api/recovery/reset", new { errorType = "resource" });
        foreach (var outcomes in new[] { new[] { true }, new[] { false, true } })
        {
            var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "resource", message: $"out of memory in pool {(char)('a' + outcomes.Length)}"));
            var errorId = report!["errorId"]!.GetValue<string>();
            JsonNode? plan = report["plan"];
            foreach (var success in outcomes)
            {
                var (_, result) = await Http.PostAsync($"/api/errors/{errorId}/attempts", new
                {
                    strategyId = plan!["strategyId"]!.GetValue<string>(), attempt = plan["attempt"]!.GetValue<int>(), success, executionTimeSeconds = 1.0,
                });
                plan = result!["nextPlan"];
            }
        }

        // First-seen times come from the index, which error grains feed one-way.
        JsonNode? secondary = null;
        for (var i = 0; i < 400; i++)
        {
            var (status, metrics) = await Http.GetJsonAsync("/api/recovery/metrics?errorType=resource");
            Assert.Equal(HttpStatusCode.OK, status);
            secondary = metrics!["secondary"]!;
            if (secondary["timeToResolution"]!["errors"]!.GetValue<long>() == 2)
            {
                break;
            }

            await Task.Delay(25);
        }

        Assert.Equal(2, secondary!["timeToResolution"]!["errors"]!.GetValue<long>());
        Assert.True(secondary["timeToResolution"]!["p90Seconds"]!.GetValue<double>() >= 0);
        Assert.Equal(0.5, secondary["levelProgression"]!["1"]!["share"]!.GetValue<double>(), 9);
        Assert.Equal(0.5, secondary["levelProgression"]!["2"]!["share"]!.GetValue<double>(), 9);
        Assert.Equal(0, secondary["levelProgression"]!["escalated"]!["share"]!.GetValue<double>(), 9);
        Assert.Equal(2, secondary["regressionRate"]!["resolutions"]!.GetValue<long>());
        Assert.Equal(3, secondary["taskRecoveryByErrorType"]!["resource"]!["attempts"]!.GetValue<long>());
        Assert.NotNull(secondary["resourceUsageByStrategy"]);
    }

    private async Task<int> StreamSubscribersAsync()
    {
        var (_, diagnostics) = await Http.GetJsonAsync("/api/diagnostics");
        return diagnostics!["events"]!["streamSubscribers"]!.GetValue<int>();
    }
}
