using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RecoveryCluster.DurableTests;

/// <summary>Durable mode: a component policy PUT is stored in PostgreSQL, audited, and in force again after a restart.</summary>
[Collection(DurableCollection.Name)]
public sealed class ComponentPolicyTests(SharedPostgres postgres)
{
    private const string OperatorKey = "oncall-key-5d2f8a1b93";

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["RecoveryCluster__Security__Keys__0__Name"] = "oncall",
        ["RecoveryCluster__Security__Keys__0__Role"] = "operator",
        ["RecoveryCluster__Security__Keys__0__Key"] = OperatorKey,
    };

    [Fact]
    public async Task A_policy_outlives_the_silo_and_its_change_is_an_audit_row()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var clusterId = $"policy-{Guid.NewGuid():N}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var policy = new { limit = new { maxConcurrency = 25, ratePerSecond = 300.0 }, hedging = new { enabled = true, percentile = 0.9 } };

        await using (var silo = await SiloProcess.StartReadyAsync(db, clusterId, Keys))
        {
            using var put = await SendAsync(http, HttpMethod.Put, new Uri(silo.Http, "api/components/ledger-db/policy"), policy);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var rows = await Database.RowsAsync(db, "SELECT key_name, action, target, status FROM operator_audit ORDER BY seq");
            Assert.Equal(["oncall", "set-component-policy", "ledger-db", 200], Assert.Single(rows));
            await silo.StopAsync();
        }

        await using var restarted = await SiloProcess.StartReadyAsync(db, clusterId, Keys);
        var stored = await GetAsync(http, new Uri(restarted.Http, "api/components/ledger-db/policy"));
        Assert.Equal(1, stored["version"]!.GetValue<long>());
        Assert.Equal(25, stored["policy"]!["limit"]!["maxConcurrency"]!.GetValue<int>());
        Assert.Equal(0.9, stored["policy"]!["hedging"]!["percentile"]!.GetValue<double>());

        // The limit grain keeps its own copy of the limits it enforces: in force again without another PUT.
        var limit = await GetAsync(http, new Uri(restarted.Http, "api/components/ledger-db/limit"));
        Assert.Equal(25, limit["effectiveConcurrency"]!.GetValue<int>());
        Assert.Equal(300.0, limit["effectiveRate"]!.GetValue<double>());
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, Uri uri)
    {
        using var response = await SendAsync(http, HttpMethod.Get, uri, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri uri, object? body)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", OperatorKey);
        return await http.SendAsync(request);
    }
}
