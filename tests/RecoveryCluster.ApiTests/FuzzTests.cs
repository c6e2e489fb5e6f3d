using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace RecoveryCluster.ApiTests;

/// <summary>R3: ten thousand malformed requests: every answer a 4xx problem, never a 5xx, and no state change.</summary>
public sealed class FuzzTests(FuzzTests.OwnHost host, ITestOutputHelper output) : IClassFixture<FuzzTests.OwnHost>
{
    private const int Requests = 10_000;

    [Fact]
    public async Task Ten_thousand_malformed_requests_get_4xx_problem_details_and_change_nothing()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("fuzz");
        var (_, report) = await host.Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component));
        var errorId = report!["errorId"]!.GetValue<string>();
        var before = await SnapshotAsync(errorId, component);

        var generator = new MalformedRequests(seed: 20261122, errorId, component);
        var byStatus = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < Requests; i++)
        {
            using var request = generator.Next();
            var description = $"{request.Method} {request.RequestUri}";
            using var response = await host.Http.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"request {i} ({Shorten(description)}) got {status}: {Shorten(await response.Content.ReadAsStringAsync())}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"request {i} ({Shorten(description)}) got {status} as '{response.Content.Headers.ContentType}', not problem details");
            byStatus[response.StatusCode] = byStatus.GetValueOrDefault(response.StatusCode) + 1;
        }

        output.WriteLine(string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}")));
        Assert.Equal(before, await SnapshotAsync(errorId, component));
    }

    /// <summary>Everything a malformed request could have touched, as JSON text.</summary>
    private async Task<string> SnapshotAsync(string errorId, string component)
    {
        var parts = new JsonObject();
        foreach (var path in new[] { $"/api/errors/{errorId}", "/api/errors?limit=1000", "/api/circuits", "/api/recovery/metrics", "/api/status", "/api/recovery/recommendations/database", $"/api/components/{component}/policy", $"/api/components/{component}/limit" })
        {
            var (status, body) = await host.Http.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            parts[path] = body;
        }

        return parts.ToJsonString();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public sealed class OwnHost : SiloHostFixture;
}
