using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RecoveryCluster.DurableTests;

/// <summary>Durable mode: operator actions are rows in <c>operator_audit</c>, named by key, and outlive the silo.</summary>
[Collection(DurableCollection.Name)]
public sealed class AuditTrailTests(SharedPostgres postgres)
{
    private const string OperatorKey = "oncall-key-9e4b2a7c61";
    private const string ReporterKey = "worker-key-1c8f5d3e07";

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["RecoveryCluster__Security__Keys__0__Name"] = "oncall",
        ["RecoveryCluster__Security__Keys__0__Role"] = "operator",
        ["RecoveryCluster__Security__Keys__0__Key"] = OperatorKey,
        ["RecoveryCluster__Security__Keys__1__Name"] = "workers",
        ["RecoveryCluster__Security__Keys__1__Role"] = "reporter",
        ["RecoveryCluster__Security__Keys__1__Key"] = ReporterKey,
    };

    [Fact]
    public async Task Operator_actions_are_committed_with_the_key_name_and_read_back_after_a_restart()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var clusterId = $"audit-{Guid.NewGuid():N}";
        var missing = $"database-{Guid.NewGuid():N}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        await using (var silo = await SiloProcess.StartReadyAsync(db, clusterId, Keys))
        {
            using (var isolated = await SendAsync(http, silo, "api/circuits/ledger-db/isolate", OperatorKey, new { reason = "failover drill" }))
            {
                Assert.Equal(HttpStatusCode.OK, isolated.StatusCode);
            }

            using (var refused = await SendAsync(http, silo, $"api/errors/{missing}/resolve", OperatorKey, new { }))
            {
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            }

            // A reporter may not isolate: refused before the action, so nothing to audit.
            using (var forbidden = await SendAsync(http, silo, "api/circuits/ledger-db/isolate", ReporterKey, new { }))
            {
                Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            }

            var rows = await Database.RowsAsync(db, "SELECT key_name, action, route, target, status, result, detail FROM operator_audit ORDER BY seq");
            Assert.Equal(2, rows.Count);
            Assert.Equal(["oncall", "isolate-circuit", "POST /api/circuits/ledger-db/isolate", "ledger-db", 200, "succeeded", "failover drill"], rows[0]);
            Assert.Equal(["oncall", "resolve-error", $"POST /api/errors/{missing}/resolve", missing, 404, "refused", null], rows[1]);
            var everything = await Database.ScalarAsync<string>(db, "SELECT string_agg(t::text, ' ') FROM operator_audit t");
            Assert.DoesNotContain(OperatorKey, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(OperatorKey, silo.Tail, StringComparison.Ordinal);
            Assert.DoesNotContain(ReporterKey, silo.Tail, StringComparison.Ordinal);
            await silo.StopAsync();
        }

        await using var restarted = await SiloProcess.StartReadyAsync(db, clusterId, Keys);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(restarted.Http, "api/audit"));
        request.Headers.Add("X-Api-Key", OperatorKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(["resolve-error", "isolate-circuit"], entries.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal("oncall", e!["keyName"]!.GetValue<string>()));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, SiloProcess silo, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Http, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }
}
