using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RecoveryCluster.DurableTests;

/// <summary>Bad input on a durable silo is a 400 naming the field, as in memory mode: never a storage error, nothing recorded.</summary>
[Collection(DurableCollection.Name)]
public sealed class BadInputTests(SharedPostgres postgres)
{
    [Fact]
    public async Task Control_characters_in_identifiers_and_a_nul_in_the_message_are_400_naming_the_field_and_nothing_is_recorded()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var silo = SiloProcess.Start(db, $"bad-input-{Guid.NewGuid():N}");
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
        var component = $"ctl-{Guid.NewGuid():N}";

        foreach (var (field, value) in new[] { ("component", "orders\u0000db"), ("operation", "\u001b[2J"), ("workerId", "bell\u0007"), ("hardwareId", "host\u0000") })
        {
            var request = new Dictionary<string, object> { ["message"] = "reset", ["component"] = component, ["operation"] = "Save", [field] = value };
            using var response = await http.PostAsJsonAsync("api/errors", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Contains("control character", body["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var nul = await http.PostAsJsonAsync("api/errors", new { message = "reset\u0000by peer", component, operation = "Save" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        }

        using var list = await http.GetAsync(new Uri($"api/errors?component={component}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray());

        // The same report without the bad characters is stored.
        using var good = await http.PostAsJsonAsync("api/errors", new { message = "reset\n\tby peer", component, operation = "Save" });
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }
}
