using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RecoveryCluster.Retention;

namespace RecoveryCluster.DurableTests;

/// <summary>Retention on a durable silo: old resolved errors leave the list, the journal and the grain snapshots; nothing else does.</summary>
[Collection(DurableCollection.Name)]
public sealed class RetentionTests(SharedPostgres postgres)
{
    [Fact]
    public async Task A_pass_removes_exactly_the_resolved_errors_older_than_the_age_with_their_snapshots()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var clusterId = $"retention-{Guid.NewGuid():N}";
        await using var silo = SiloProcess.Start(db, clusterId, new Dictionary<string, string>
        {
            ["RecoveryCluster__Retention__ErrorAge"] = "00:00:02",
        });
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
        await using var client = await ClusterClient.ConnectAsync(clusterId, [silo]);
        var component = $"retention-{Guid.NewGuid():N}";

        var oldResolved = await ReportAsync(http, component, "user alice not allowed");
        var oldOpen = await ReportAsync(http, component, "user bob not allowed");
        using (var resolved = await http.PostAsync(new Uri($"api/errors/{oldResolved}/resolve", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        // Snapshots are written on deactivation: collect the error grains so retention has snapshots to delete.
        await client.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Eventually.SucceedsAsync(
            async () => await Database.ScalarAsync<long>(db, "SELECT count(*) FROM rc_grain_state WHERE grain_key_ext = $1", oldResolved) == 1 ? "written" : null,
            TimeSpan.FromSeconds(30), "the resolved error's snapshot is written");

        // The age is real time on a real silo: let it pass for the first two; the third is resolved just before the pass.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var recentResolved = await ReportAsync(http, component, "user carol not allowed");
        using (var resolved = await http.PostAsync(new Uri($"api/errors/{recentResolved}/resolve", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        var run = await client.Grains.GetGrain<IRetentionGrain>(IRetentionGrain.DefaultKey).RunOnceAsync();

        Assert.Equal(1, run.ErrorsRemoved);
        Assert.Equal(0, await Database.ScalarAsync<long>(db, "SELECT count(*) FROM error_state WHERE error_id = $1", oldResolved));
        Assert.Equal(0, await Database.ScalarAsync<long>(db, "SELECT count(*) FROM rc_grain_state WHERE grain_key_ext = $1", oldResolved));
        Assert.Equal(2, await Database.ScalarAsync<long>(db, "SELECT count(*) FROM error_state WHERE error_id = ANY($1)", (object)new[] { oldOpen, recentResolved }));
        using (var gone = await http.GetAsync(new Uri($"api/errors/{oldResolved}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var listed = JsonNode.Parse(await http.GetStringAsync(new Uri($"api/errors?component={component}", UriKind.Relative)))!.AsArray();
        Assert.Equal(new[] { oldOpen, recentResolved }.Order(StringComparer.Ordinal), listed.Select(e => e!["errorId"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var diagnostics = JsonNode.Parse(await http.GetStringAsync(new Uri("api/diagnostics", UriKind.Relative)))!["retention"]!;
        Assert.Equal(1, diagnostics["errorsRemoved"]!.GetValue<long>());
        Assert.Equal(1, diagnostics["lastRun"]!["errorsRemoved"]!.GetValue<long>());

        // The same failure again is a new error.
        using var again = await http.PostAsJsonAsync("api/errors", new { message = "user alice not allowed", component, operation = "Save" });
        Assert.Equal(1, JsonNode.Parse(await again.Content.ReadAsStringAsync())!["aggregatedCount"]!.GetValue<long>());
    }

    private static async Task<string> ReportAsync(HttpClient http, string component, string message)
    {
        using var response = await http.PostAsJsonAsync("api/errors", new { message, component, operation = "Save" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errorId"]!.GetValue<string>();
    }
}
