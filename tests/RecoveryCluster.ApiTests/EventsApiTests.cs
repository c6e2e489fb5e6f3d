using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RecoveryCluster.Grains;

namespace RecoveryCluster.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class EventsApiTests(SiloHostFixture host, EventsApiTests.FakeClockHost clocked) : IClassFixture<EventsApiTests.FakeClockHost>
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
            strategyId = plan["strategyId"]!.GetValue<string>(),
            attempt = plan["attempt"]!.GetValue<int>(),
            success = false,
            executionTimeSeconds = 0.5,
        });
        var next = failed!["nextPlan"]!;
        await Http.PostAsync($"/api/errors/{errorId}/attempts", new
        {
            strategyId = next["strategyId"]!.GetValue<string>(),
            attempt = next["attempt"]!.GetValue<int>(),
            success = true,
            executionTimeSeconds = 0.25,
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
        // Own host with a fake recovery clock: a time to resolution is the resolving attempt's time minus the first
        // report's, so moving the clock between them gives known times. Ten resource errors, error k resolved k s after
        // its report; error 3 fails once at level 1 (no resource reading) and is resolved at level 2.
        var http = clocked.Http;
        var strategyDeltas = new Dictionary<string, List<(double Cpu, double Memory, double ProcessCpu, double ProcessMb, long Network)>>(StringComparer.Ordinal);
        for (var k = 1; k <= 10; k++)
        {
            var component = RecoveryCluster.ApiTests.Http.NewComponent("secondary");
            var (_, report) = await http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "resource", message: $"out of memory in pool {k}"));
            var errorId = report!["errorId"]!.GetValue<string>();
            var plan = report["plan"]!;
            if (k == 3)
            {
                clocked.Time.Advance(TimeSpan.FromSeconds(1));
                var (_, failed) = await http.PostAsync($"/api/errors/{errorId}/attempts", new
                {
                    strategyId = plan["strategyId"]!.GetValue<string>(),
                    attempt = plan["attempt"]!.GetValue<int>(),
                    success = false,
                    executionTimeSeconds = 1.0,
                });
                plan = failed!["nextPlan"]!;
                Assert.Equal(2, plan["level"]!.GetValue<int>());
                clocked.Time.Advance(TimeSpan.FromSeconds(k - 1));
            }
            else
            {
                clocked.Time.Advance(TimeSpan.FromSeconds(k));
            }

            // Readings chosen so each delta is distinct: after minus before is (k, -k/2, 2k, 10k MB, 1000k bytes).
            var strategyId = plan["strategyId"]!.GetValue<string>();
            var before = new { cpuPercent = 20.0, memoryPercent = 60.0, processCpuPercent = 5.0, processMemoryMb = 200.0, networkBytes = 10_000L };
            var after = new { cpuPercent = 20.0 + k, memoryPercent = 60.0 - k / 2.0, processCpuPercent = 5.0 + 2 * k, processMemoryMb = 200.0 + 10 * k, networkBytes = 10_000L + 1000 * k };
            var (status, resolved) = await http.PostAsync($"/api/errors/{errorId}/attempts", new
            {
                strategyId,
                attempt = plan["attempt"]!.GetValue<int>(),
                success = true,
                executionTimeSeconds = 1.0,
                resourceUsage = new { before, after },
            });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("resolved", resolved!["status"]!.GetValue<string>());
            strategyDeltas.TryAdd(strategyId, []);
            strategyDeltas[strategyId].Add((k, -k / 2.0, 2 * k, 10 * k, 1000 * k));
        }

        // First-seen times come from the index, which error grains feed one-way.
        JsonNode? secondary = null;
        for (var i = 0; i < 400; i++)
        {
            var (status, metrics) = await http.GetJsonAsync("/api/recovery/metrics?errorType=resource");
            Assert.Equal(HttpStatusCode.OK, status);
            secondary = metrics!["secondary"]!;
            if (secondary["timeToResolution"]!["errors"]!.GetValue<long>() == 10)
            {
                break;
            }

            await Task.Delay(25);
        }

        // Times 1..10 s: nearest-rank p50 is the 5th (5 s), p90 the 9th (9 s, not the maximum), mean 5.5 s.
        var ttr = secondary!["timeToResolution"]!;
        Assert.Equal(10, ttr["errors"]!.GetValue<long>());
        Assert.Equal(5.0, ttr["p50Seconds"]!.GetValue<double>(), 9);
        Assert.Equal(9.0, ttr["p90Seconds"]!.GetValue<double>(), 9);
        Assert.Equal(5.5, ttr["meanSeconds"]!.GetValue<double>(), 9);
        Assert.Equal(0.9, secondary["levelProgression"]!["1"]!["share"]!.GetValue<double>(), 9);
        Assert.Equal(0.1, secondary["levelProgression"]!["2"]!["share"]!.GetValue<double>(), 9);
        Assert.Equal(0, secondary["levelProgression"]!["escalated"]!["share"]!.GetValue<double>(), 9);
        Assert.Equal(10, secondary["regressionRate"]!["resolutions"]!.GetValue<long>());
        Assert.Equal(11, secondary["taskRecoveryByErrorType"]!["resource"]!["attempts"]!.GetValue<long>());

        // Per strategy: the mean of after minus before over the attempts that sent both readings (the failed one sent none).
        var usage = secondary["resourceUsageByStrategy"]!.AsObject();
        var failedOnly = usage.Select(u => u.Key).Except(strategyDeltas.Keys).ToArray();
        Assert.All(failedOnly, id => Assert.Equal(0, usage[id]!["samples"]!.GetValue<long>()));
        Assert.Equal(strategyDeltas.Count + failedOnly.Length, usage.Count);
        Assert.Equal(10, strategyDeltas.Values.Sum(d => d.Count));
        foreach (var (strategyId, deltas) in strategyDeltas)
        {
            var measured = usage[strategyId]!;
            Assert.Equal(deltas.Count, measured["samples"]!.GetValue<long>());
            Assert.Equal(deltas.Average(d => d.Cpu), measured["cpuPercent"]!.GetValue<double>(), 9);
            Assert.Equal(deltas.Average(d => d.Memory), measured["memoryPercent"]!.GetValue<double>(), 9);
            Assert.Equal(deltas.Average(d => d.ProcessCpu), measured["processCpuPercent"]!.GetValue<double>(), 9);
            Assert.Equal(deltas.Average(d => d.ProcessMb), measured["processMemoryMb"]!.GetValue<double>(), 9);
            Assert.Equal(deltas.Average(d => (double)d.Network), measured["networkBytes"]!.GetValue<double>(), 9);
        }
    }

    private async Task<int> StreamSubscribersAsync()
    {
        var (_, diagnostics) = await Http.GetJsonAsync("/api/diagnostics");
        return diagnostics!["events"]!["streamSubscribers"]!.GetValue<int>();
    }

    /// <summary>A host whose recovery clock (not Orleans' own timers) only moves when the test advances it.</summary>
    public sealed class FakeClockHost : SiloHostFixture
    {
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton(new RecoveryClock(Time));
    }
}
