using System.Net;

namespace RecoveryCluster.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class CircuitsApiTests(SiloHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task Circuits_are_listed_read_isolated_and_reset()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("payments");
        await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, severity: "critical"));

        // The failure reaches the breaker in the silo's next batch.
        var circuit = await PollAsync($"/api/circuits/{component}", c => c["countedFailures"]!.GetValue<int>() == 1);
        Assert.Equal("closed", circuit["state"]!.GetValue<string>());

        var (listStatus, list) = await Http.GetJsonAsync("/api/circuits");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains(list!.AsArray(), c => c!["component"]!.GetValue<string>() == component);

        var (isolateStatus, isolated) = await Http.PostAsync($"/api/circuits/{component}/isolate", new { reason = "maintenance" });
        Assert.Equal(HttpStatusCode.OK, isolateStatus);
        Assert.Equal("isolated", isolated!["state"]!.GetValue<string>());
        Assert.Equal("maintenance", isolated["lastFailure"]!.GetValue<string>());

        // An isolated component's errors start at level 4.
        var (_, report) = await Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, message: "card processor down"));
        Assert.Equal(4, report!["plan"]!["level"]!.GetValue<int>());

        var (resetStatus, reset) = await Http.PostAsync($"/api/circuits/{component}/reset", new { });
        Assert.Equal(HttpStatusCode.OK, resetStatus);
        Assert.Equal("closed", reset!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_circuits_are_404_and_bad_names_400()
    {
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.NotFound, await Http.GetJsonAsync($"/api/circuits/{Guid.NewGuid():N}"));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.NotFound, await Http.PostAsync($"/api/circuits/{Guid.NewGuid():N}/reset", new { }));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.PostAsync($"/api/circuits/{new string('c', 300)}/isolate", new { reason = "x" }));
        RecoveryCluster.ApiTests.Http.AssertProblem(HttpStatusCode.BadRequest, await Http.PostAsync("/api/circuits/x/isolate", new { reason = new string('r', 300) }));
    }

    private async Task<System.Text.Json.Nodes.JsonNode> PollAsync(string path, Func<System.Text.Json.Nodes.JsonNode, bool> until)
    {
        for (var i = 0; i < 400; i++)
        {
            var (status, body) = await Http.GetJsonAsync(path);
            if (status == HttpStatusCode.OK && until(body!))
            {
                return body!;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"{path} did not answer 200 with the expected body within 10 s");
    }
}
