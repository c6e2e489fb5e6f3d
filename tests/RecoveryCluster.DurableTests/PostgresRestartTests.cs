using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace RecoveryCluster.DurableTests;

/// <summary>R2: PostgreSQL restarted under load, on a server of the test's own.</summary>
[Collection(DurableCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Silos_survive_a_database_restart_answer_clearly_meanwhile_and_lose_nothing_acknowledged()
    {
        await using var server = await PostgresServer.StartPrivateAsync();
        var db = await server.CreateDatabaseAsync();
        var clusterId = $"pg-restart-{Guid.NewGuid():N}";
        var silos = new[] { SiloProcess.Start(db, clusterId, FaultSettings.Silo), SiloProcess.Start(db, clusterId, FaultSettings.Silo) };
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(90))));
            await using var client = await ClusterClient.ConnectAsync(clusterId, silos);
            var load = new RecoveryLoad(client.Grains, errors: 30, workers: 8, seed: 3);
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(stop.Token);
            await Eventually.SucceedsAsync(() => Task.FromResult(load.Acknowledged >= 300), TimeSpan.FromSeconds(60), "300 acknowledged outcomes");

            await server.StopAsync();
            var failuresAtStop = load.Retryable;
            await Eventually.SucceedsAsync(() => Task.FromResult(load.Retryable >= failuresAtStop + 20), TimeSpan.FromSeconds(30), "failures while the database is down");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var refused = await http.PostAsJsonAsync(new Uri(silos[0].Http, "api/errors"), new
            {
                type = "database",
                severity = "high",
                message = "written while the database is down",
                component = "outage-probe",
                operation = "Save",
                workerId = "probe",
            });
            var problem = await refused.Content.ReadAsStringAsync();
            var acknowledgedWhileDown = load.Acknowledged;

            await server.StartAsync();
            await Eventually.SucceedsAsync(() => Task.FromResult(load.Acknowledged >= acknowledgedWhileDown + 300), TimeSpan.FromSeconds(60), "300 acknowledged outcomes after the restart");
            await stop.CancelAsync();
            await running;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("Storage unavailable", problem, StringComparison.Ordinal);
            Assert.Contains("nothing was recorded", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal); // a sentence, not a stack trace
            Assert.True(silos.All(s => !s.HasExited), "a silo exited while the database was down");
            Assert.Empty(load.WrongAnswers);

            // Callers learn "storage unavailable, retry" as the cluster's own type, never as a driver's exception.
            var failureTypes = load.RetryableByType.Keys.ToArray();
            Assert.Contains(failureTypes, t => t is nameof(StorageUnavailableException) or nameof(History.HistoryUnavailableException));
            Assert.DoesNotContain(failureTypes, t => t.StartsWith("Npgsql", StringComparison.Ordinal) || t.StartsWith("Postgres", StringComparison.Ordinal));
            var audit = await DurabilityAudit.AssertNothingAcknowledgedIsLostAsync(db, client.Grains, load);
            output.WriteLine($"R2: {audit}; failures while down: {string.Join(", ", load.RetryableByType.Select(p => $"{p.Key} {p.Value}"))}; answer while down: {(int)refused.StatusCode} {problem}");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
