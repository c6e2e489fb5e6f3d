using System.Net;
using Microsoft.Extensions.Options;

namespace RecoveryCluster.ApiTests;

/// <summary>R5: with a key set, every API, page and dashboard request without it is refused.</summary>
public sealed class AuthTests(AuthTests.KeyedHost host) : IClassFixture<AuthTests.KeyedHost>
{
    public static readonly TheoryData<string, string> GuardedEndpoints = new()
    {
        { "GET", "/api/errors" },
        { "POST", "/api/errors" },
        { "GET", "/api/errors/database-0000000000000000" },
        { "POST", "/api/errors/database-0000000000000000/attempts" },
        { "POST", "/api/errors/database-0000000000000000/resolve" },
        { "GET", "/api/recovery/metrics" },
        { "GET", "/api/recovery/recommendations/database" },
        { "GET", "/api/recovery/history" },
        { "POST", "/api/recovery/reset" },
        { "GET", "/api/circuits" },
        { "GET", "/api/circuits/orders-db" },
        { "POST", "/api/circuits/orders-db/isolate" },
        { "POST", "/api/circuits/orders-db/reset" },
        { "GET", "/api/status" },
        { "GET", "/api/diagnostics" },
        { "GET", "/api/events" },
        { "GET", "/api/anomalies" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/dashboard/" },
        { "GET", "/" },
    };

    [Theory]
    [MemberData(nameof(GuardedEndpoints))]
    public async Task A_request_without_the_key_or_with_a_wrong_one_is_refused_with_401(string method, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        foreach (var key in new string?[] { null, "wrong-key", KeyedHost.Key + "x" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            if (method == "POST")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_right_key_opens_the_api_and_health_probes_stay_open()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetJsonAsync("/api/status")).Status);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_browser_presents_the_key_once_and_keeps_it_in_a_cookie()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        using var first = await browser.GetAsync($"/api/status?apiKey={KeyedHost.Key}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var second = await browser.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task A_host_listening_beyond_loopback_without_a_key_refuses_to_start()
    {
        await using var app = SiloHostFixture.Build(new Dictionary<string, string?>
        {
            ["RecoveryCluster:Silo:HttpAddress"] = "0.0.0.0",
            ["RecoveryCluster:Silo:HttpPort"] = "1",
        });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("RecoveryCluster:Security:ApiKey", error.Message, StringComparison.Ordinal);
    }

    public sealed class KeyedHost : SiloHostFixture
    {
        public const string Key = "test-key-7f3a9c";

        protected override string? ApiKey => Key;
    }
}
