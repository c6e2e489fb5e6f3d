using System.Net;
using RecoveryCluster.Testing;

namespace RecoveryCluster.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class ComponentsApiTests(SiloHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_policy_is_read_changed_and_read_back_and_its_limit_is_in_force()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("orders-db");
        var (status, initial) = await Http.GetJsonAsync($"/api/components/{component}/policy");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, initial!["version"]!.GetValue<long>());
        Assert.Null(initial["policy"]!["limit"]!["maxConcurrency"]);
        Assert.False(initial["policy"]!["hedging"]!["enabled"]!.GetValue<bool>());

        var (putStatus, put) = await Http.PutAsync($"/api/components/{component}/policy", new
        {
            breaker = new { failureThreshold = 3 },
            limit = new { maxConcurrency = 50, ratePerSecond = 500.0, adaptive = "aimd", latencyTarget = "00:00:00.250" },
            hedging = new { enabled = true, maxHedgedAttempts = 2, percentile = 0.9 },
        });

        Assert.Equal(HttpStatusCode.OK, putStatus);
        Assert.Equal(1, put!["version"]!.GetValue<long>());
        var (_, read) = await Http.GetJsonAsync($"/api/components/{component}/policy");
        Assert.Equal(put.ToJsonString(), read!.ToJsonString());
        var policy = read["policy"]!;
        Assert.Equal(3, policy["breaker"]!["failureThreshold"]!.GetValue<int>());
        Assert.Equal(50, policy["limit"]!["maxConcurrency"]!.GetValue<int>());
        Assert.Equal("aimd", policy["limit"]!["adaptive"]!.GetValue<string>());
        Assert.Equal("00:00:05", policy["limit"]!["leaseDuration"]!.GetValue<string>());
        Assert.Equal(2, policy["hedging"]!["maxHedgedAttempts"]!.GetValue<int>());

        var (limitStatus, limit) = await Http.GetJsonAsync($"/api/components/{component}/limit");
        Assert.Equal(HttpStatusCode.OK, limitStatus);
        Assert.Equal(50, limit!["effectiveConcurrency"]!.GetValue<int>());
        Assert.Equal(500.0, limit["effectiveRate"]!.GetValue<double>());
        Assert.Equal(1.0, limit["scale"]!.GetValue<double>());
        Assert.Empty(limit["leases"]!.AsArray());
    }

    [Fact]
    public async Task The_breaker_part_applies_to_the_components_breaker()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("ledger");
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsync($"/api/components/{component}/policy", new { breaker = new { failureThreshold = 2 } })).Status);

        // Two critical failures from two workers: below the silo's threshold of five, at the component's two.
        await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, severity: "critical", message: "ledger down", worker: "w1"));
        await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, severity: "critical", message: "ledger gone", worker: "w2"));

        await Eventually.HoldsAsync(async () =>
        {
            var (status, circuit) = await Http.GetJsonAsync($"/api/circuits/{component}");
            return status == HttpStatusCode.OK && circuit!["state"]!.GetValue<string>() == "open";
        }, "the component's breaker open at its own threshold of two");
    }

    [Theory]
    [InlineData("{\"limit\":{\"maxConcurrency\":0}}", "limit.maxConcurrency")]
    [InlineData("{\"limit\":{\"ratePerSecond\":-3}}", "limit.ratePerSecond")]
    [InlineData("{\"limit\":{\"maxConcurrency\":5,\"leaseDuration\":\"00:00:00.100\"}}", "limit.leaseDuration")]
    [InlineData("{\"limit\":{\"maxConcurrency\":5,\"decreaseFactor\":1.5}}", "limit.decreaseFactor")]
    [InlineData("{\"breaker\":{\"mode\":\"sometimes\"}}", "breaker.mode")]
    [InlineData("{\"breaker\":{\"minDistinctReporters\":0}}", "breaker.minDistinctReporters")]
    [InlineData("{\"hedging\":{\"enabled\":true,\"maxHedgedAttempts\":11}}", "hedging.maxHedgedAttempts")]
    [InlineData("{\"hedging\":{\"enabled\":true,\"percentile\":1.5}}", "hedging.percentile")]
    [InlineData("{\"hedging\":{\"minDelay\":\"00:00:02\",\"maxDelay\":\"00:00:01\"}}", "hedging.maxDelay")]
    [InlineData("null", "body")]
    public async Task A_bad_policy_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("guarded");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync(new Uri($"/api/components/{component}/policy", UriKind.Relative), content);
        var problem = await RecoveryCluster.ApiTests.Http.ReadAsync(response);

        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, (response.StatusCode, problem));
        Assert.Contains(field, problem!["errors"]!.AsObject().Select(e => e.Key));
        var (_, stored) = await Http.GetJsonAsync($"/api/components/{component}/policy");
        Assert.Equal(0, stored!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_component_names_are_400()
    {
        var name = new string('c', 300);
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync($"/api/components/{name}/policy"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.GetJsonAsync($"/api/components/{name}/limit"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.PutAsync($"/api/components/{name}/policy", new { }));
    }
}
