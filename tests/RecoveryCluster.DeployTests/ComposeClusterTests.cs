using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RecoveryCluster.Testing;

namespace RecoveryCluster.DeployTests;

/// <summary>
/// docker-compose.yml without a Docker engine: every silo service runs as a local process with the environment the
/// service declares, so the file and the silo agree on every setting name and value that matters.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class ComposeClusterTests(SharedPostgres postgres)
{
    private static readonly TimeSpan StartTime = TimeSpan.FromSeconds(90);

    private static string WorkerAssembly =>
        Path.Combine(Repository.Root, "samples", "Worker", "bin", Repository.Configuration, "net10.0", "RecoveryCluster.Worker.dll");

    [Fact]
    public async Task The_compose_silo_services_started_as_processes_form_one_cluster_that_serves_an_error_report_and_the_worker()
    {
        var compose = ComposeFile.Load();
        Assert.Equal(3, compose.Silos.Count);
        var local = new ComposeOnLocalhost(compose, await postgres.Server.CreateDatabaseAsync());
        var processes = new List<LocalProcess>();
        try
        {
            foreach (var silo in compose.Silos)
            {
                processes.Add(LocalProcess.Start(silo.Name, Repository.SiloAssembly, local.SiloEnvironment(silo)));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            foreach (var (silo, process) in compose.Silos.Zip(processes))
            {
                await WaitReadyAsync(http, process, Url(local, silo, "readyz"));
            }

            // Every silo sees the other two as Active members: they found each other through PostgreSQL.
            var first = compose.Silos[0];
            // Reports, outcomes and reads are a reporter's work: the least key that does them.
            var key = first.Environment[ReporterKey(first)];
            var expectedPorts = compose.Silos.Select(s => $":{local.SiloPortOf(s)}:").ToList();
            foreach (var silo in compose.Silos)
            {
                await Eventually.SucceedsAsync(async () =>
                {
                    var active = await ActiveSilosAsync(http, Url(local, silo, "api/diagnostics"), key);
                    return expectedPorts.All(port => active.Any(address => address.Contains(port, StringComparison.Ordinal)));
                }, StartTime, $"{silo.Name} listing all three silos Active");
            }

            // The key the compose file declares is the one in force.
            using (var refused = await http.GetAsync(Url(local, first, "api/status")))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            // One error report end to end, across silos: reported on the second, recovered on the third, read on the first.
            var (second, third) = (compose.Silos[1], compose.Silos[2]);
            using var report = await SendAsync(http, HttpMethod.Post, Url(local, second, "api/errors"), key, new
            {
                type = "database",
                severity = "high",
                message = "connection reset by peer",
                component = "orders-db",
                operation = "Save",
                workerId = "compose-test",
            });
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
            var reported = (await report.Content.ReadFromJsonAsync<JsonObject>())!;
            var errorId = (string)reported["errorId"]!;
            var plan = reported["plan"]!.AsObject();
            Assert.Equal(1, (int)plan["attempt"]!);
            Assert.False(string.IsNullOrEmpty((string?)plan["strategyId"]));

            using var attempt = await SendAsync(http, HttpMethod.Post, Url(local, third, $"api/errors/{errorId}/attempts"), key, new
            {
                attempt = (int)plan["attempt"]!,
                strategyId = (string)plan["strategyId"]!,
                success = true,
                executionTimeSeconds = 0.4,
            });
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
            Assert.Equal("resolved", (string?)(await attempt.Content.ReadFromJsonAsync<JsonObject>())!["status"]);

            using var read = await SendAsync(http, HttpMethod.Get, Url(local, first, $"api/errors/{errorId}"), key, null);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("resolved", (string?)(await read.Content.ReadFromJsonAsync<JsonObject>())!["status"]);

            // The worker service, with its environment, reaches the gateways and records its recoveries under its id.
            var worker = compose.Worker;
            var workerId = worker.Environment["RecoveryCluster__Client__WorkerId"];
            processes.Add(LocalProcess.Start(worker.Name, WorkerAssembly, local.WorkerEnvironment(worker)));
            var workerProcess = processes[^1];
            await Eventually.SucceedsAsync(async () =>
            {
                if (workerProcess.HasExited)
                {
                    throw new Xunit.Sdk.XunitException($"The worker exited with code {workerProcess.ExitCode}:{Environment.NewLine}{workerProcess.Tail}");
                }

                using var history = await SendAsync(http, HttpMethod.Get, Url(local, first, "api/recovery/history?limit=1000"), key, null);
                var records = (await history.Content.ReadFromJsonAsync<JsonArray>())!;
                return records.Any(r => (string?)r!["workerId"] == workerId);
            }, StartTime, $"a recovery recorded for worker '{workerId}'");
        }
        catch (Exception error) when (processes.Count > 0)
        {
            var logs = processes.Select(p => $"--- {p.Name} ---{Environment.NewLine}{p.Tail}");
            throw new Xunit.Sdk.XunitException($"{error.Message}{Environment.NewLine}{string.Join(Environment.NewLine, logs)}");
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static Uri Url(ComposeOnLocalhost local, ComposeService silo, string path) => new($"http://127.0.0.1:{local.HttpPortOf(silo)}/{path}");

    private static async Task WaitReadyAsync(HttpClient http, LocalProcess process, Uri readyz) =>
        await Eventually.SucceedsAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"{process.Name} exited with code {process.ExitCode} during start-up:{Environment.NewLine}{process.Tail}");
            }

            using var ready = await http.GetAsync(readyz);
            return ready.IsSuccessStatusCode;
        }, StartTime, $"{process.Name} ready");

    private static string ReporterKey(ComposeService silo) =>
        Assert.Single(silo.Environment, e => e.Key.StartsWith("RecoveryCluster__Security__Keys__", StringComparison.Ordinal) && e.Key.EndsWith("__Role", StringComparison.Ordinal) && e.Value == "reporter")
            .Key.Replace("__Role", "__Key", StringComparison.Ordinal);

    private static async Task<List<string>> ActiveSilosAsync(HttpClient http, Uri diagnostics, string key)
    {
        using var response = await SendAsync(http, HttpMethod.Get, diagnostics, key, null);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [.. body["silos"]!.AsArray().Where(s => (string?)s!["status"] == "Active").Select(s => (string)s!["address"]!)];
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri url, string key, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Api-Key", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }
}
