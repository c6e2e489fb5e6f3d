using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using RecoveryCluster.Audit;
using RecoveryCluster.Grains.Audit;
using RecoveryCluster.Silo.Audit;

namespace RecoveryCluster.ApiTests;

/// <summary>Every operator action leaves an audit entry naming the key's holder, readable by operators and streamed as an event.</summary>
public sealed class AuditTrailTests(RolesHost host) : IClassFixture<RolesHost>
{
    [Fact]
    public void The_audited_routes_are_exactly_the_state_changing_operator_routes()
    {
        var operatorWrites = RouteTable.Routes()
            .Where(r => r.Method != "GET" && r.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "operator"))
            .Select(r => $"{r.Method} {r.Pattern}").Order().ToList();
        var audited = RouteTable.Routes().Where(r => r.Endpoint.Metadata.GetMetadata<OperatorAction>() is not null)
            .Select(r => $"{r.Method} {r.Pattern}").Order().ToList();
        Assert.Equal(5, audited.Count);
        Assert.Equal(operatorWrites, audited);
    }

    [Fact]
    public async Task Each_operator_action_adds_an_entry_with_the_key_name_route_target_and_status_and_never_a_key()
    {
        using var reporter = host.ClientWith(RolesHost.ReporterKey);
        using var ops = host.ClientWith(RolesHost.OperatorKey);
        var component = Http.NewComponent("audit-db");
        var reported = await reporter.PostAsync("/api/errors", Http.Report(component));
        Assert.Equal(HttpStatusCode.Created, reported.Status);
        var errorId = reported.Body!["errorId"]!.GetValue<string>();

        // One call per audited route, found through the route table, so an action added later needs a sample here.
        var samples = new Dictionary<string, (string Method, string Path, object Body, string Target, string? Detail)>(StringComparer.Ordinal)
        {
            ["isolate-circuit"] = ("POST", $"/api/circuits/{component}/isolate", new { reason = "maintenance window" }, component, "maintenance window"),
            ["reset-circuit"] = ("POST", $"/api/circuits/{component}/reset", new { }, component, null),
            ["resolve-error"] = ("POST", $"/api/errors/{errorId}/resolve", new { }, errorId, null),
            ["reset-recovery"] = ("POST", "/api/recovery/reset", new { errorType = "validation" }, "type validation", null),
            ["set-component-policy"] = ("PUT", $"/api/components/{component}/policy", new { limit = new { maxConcurrency = 10 } }, component,
                "limit 10 concurrent / - per s, hedging off"),
        };
        foreach (var action in RouteTable.Endpoints.Select(e => e.Metadata.GetMetadata<OperatorAction>()).OfType<OperatorAction>().Select(a => a.Name))
        {
            Assert.True(samples.TryGetValue(action, out var sample), $"The audited action '{action}' has no sample call in this test.");
            var (status, _) = sample.Method == "PUT" ? await ops.PutAsync(sample.Path, sample.Body) : await ops.PostAsync(sample.Path, sample.Body);
            Assert.True((int)status is >= 200 and < 300, $"{action}: {status}");

            var entry = (await AuditAsync(ops, 1))[0]!;
            Assert.Equal(action, entry["action"]!.GetValue<string>());
            Assert.Equal("ops", entry["keyName"]!.GetValue<string>());
            Assert.Equal($"{sample.Method} {sample.Path}", entry["route"]!.GetValue<string>());
            Assert.Equal(sample.Target, entry["target"]!.GetValue<string>());
            Assert.Equal((int)status, entry["status"]!.GetValue<int>());
            Assert.Equal("succeeded", entry["result"]!.GetValue<string>());
            Assert.Equal(sample.Detail, entry["detail"]?.GetValue<string>());
        }

        var trail = (await AuditAsync(ops, 1000)).ToJsonString();
        Assert.All(RolesHost.AllKeys, key => Assert.DoesNotContain(key, trail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_action_is_recorded_with_its_status()
    {
        using var legacy = host.ClientWith(RolesHost.LegacyKey);
        var missing = $"database-{Guid.NewGuid():N}";
        var (status, _) = await legacy.PostAsync($"/api/errors/{missing}/resolve", new { });
        Assert.Equal(HttpStatusCode.NotFound, status);

        var entry = (await AuditAsync(legacy, 1))[0]!;
        Assert.Equal("api-key", entry["keyName"]!.GetValue<string>());
        Assert.Equal(missing, entry["target"]!.GetValue<string>());
        Assert.Equal(404, entry["status"]!.GetValue<int>());
        Assert.Equal("refused", entry["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operator_action_is_published_as_an_operator_action_event()
    {
        using var reader = host.ClientWith(RolesHost.ReaderKey);
        using var ops = host.ClientWith(RolesHost.OperatorKey);
        var component = Http.NewComponent("audit-event");
        await using var stream = await EventStream.OpenAsync(reader, $"/api/events?kind=operator-action&component={component}");
        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsync($"/api/circuits/{component}/isolate", new { reason = "drill" })).Status);

        var (kind, data, _) = Assert.Single(await stream.ReadUntilAsync("operator-action"));
        Assert.Equal("operator-action", kind);
        Assert.Equal(component, data["component"]!.GetValue<string>());
        Assert.Equal("ops", data["audit"]!["keyName"]!.GetValue<string>());
        Assert.Equal("isolate-circuit", data["audit"]!["action"]!.GetValue<string>());
        Assert.DoesNotContain(RolesHost.OperatorKey, data.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_operators_read_the_audit_trail_and_a_bad_limit_is_named()
    {
        foreach (var key in new[] { RolesHost.ReaderKey, RolesHost.ReporterKey })
        {
            using var client = host.ClientWith(key);
            Http.AssertProblem(HttpStatusCode.Forbidden, await client.GetJsonAsync("/api/audit"));
        }

        using var ops = host.ClientWith(RolesHost.OperatorKey);
        var (status, body) = await ops.GetJsonAsync("/api/audit?limit=0");
        Http.AssertProblem(HttpStatusCode.BadRequest, (status, body));
        Assert.NotNull(body!["errors"]!["limit"]);
    }

    [Fact]
    public async Task The_in_memory_trail_keeps_the_most_recent_entries_newest_first()
    {
        // A log of its own, so the shared default one stays as the other tests left it.
        var log = host.Grains.GetGrain<IAuditLogGrain>($"bound-{Guid.NewGuid():N}");
        for (var i = 0; i < AuditLogGrain.Kept + 3; i++)
        {
            await log.AppendAsync(new AuditEntry($"e{i}", DateTimeOffset.UnixEpoch.AddSeconds(i), "ops", "isolate-circuit", "POST /x", "x", 200, "succeeded"));
        }

        var kept = await log.ListAsync(AuditLogGrain.Kept + 10);
        Assert.Equal(AuditLogGrain.Kept, kept.Count);
        Assert.Equal($"e{AuditLogGrain.Kept + 2}", kept[0].EntryId);
        Assert.Equal("e3", kept[^1].EntryId);
    }

    [Fact]
    public async Task No_log_line_holds_a_key_presented_right_wrong_or_in_the_query()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using (await browser.GetAsync($"/api/status?apiKey={RolesHost.ReaderKey}"))
        {
        }

        var wrong = "wrong-key-7e1d2c3b4a59";
        foreach (var key in RolesHost.AllKeys.Append(wrong))
        {
            using var client = host.ClientWith(key);
            using (await client.GetAsync("/api/status"))
            {
            }

            using (await client.PostAsync($"/api/circuits/{Http.NewComponent("log")}/isolate", JsonContent()))
            {
            }
        }

        Assert.Contains(host.Logs.Lines, l => l.Contains("not authenticated", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Operator action isolate-circuit", StringComparison.Ordinal) && l.Contains("by key ops", StringComparison.Ordinal));
        Assert.All(RolesHost.AllKeys.Append(wrong), key => Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(key, StringComparison.Ordinal)));
    }

    private static StringContent JsonContent() => new("{}", System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonArray> AuditAsync(HttpClient client, int limit)
    {
        var (status, body) = await client.GetJsonAsync($"/api/audit?limit={limit}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!.AsArray();
    }
}
