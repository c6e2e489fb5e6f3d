using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCluster.Client;
using RecoveryCluster.Client.FleetLimits;

namespace RecoveryCluster.Benchmarks.FleetLimit;

/// <summary>
/// The hidden <c>fleet-limit-worker</c> mode: one worker process that pushes past the fleet limit with
/// <c>callers</c> concurrent loops, each calling the simulated component through the worker library; a refused call
/// waits its <c>RetryAfter</c> and tries again. It prints <see cref="ReadyLine"/> once it holds a lease, then
/// <c>done {admitted} {refused}</c> when its stdin closes.
/// </summary>
public static class FleetLimitWorker
{
    public const string Mode = "fleet-limit-worker";

    public const string ReadyLine = "ready";

    public static async Task RunAsync(string clusterId, int gatewayPort, string component, string workerId, string url, int callers)
    {
        var builder = WorkerHost.Create(clusterId, gatewayPort, workerId, [new("RecoveryCluster:Client:WaitForClusterOnStart", "true")]);
        using var app = builder.Build();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<RecoveryClient>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10_000 }) { BaseAddress = new Uri(url) };
        long admitted = 0;
        long refused = 0;
        async Task<bool> CallAsync(CancellationToken ct)
        {
            try
            {
                await client.ExecuteAsync(component, "Call", async t => (await http.GetAsync(new Uri("call", UriKind.Relative), t)).Dispose(), cancellationToken: ct);
                Interlocked.Increment(ref admitted);
                return true;
            }
            catch (FleetLimitRejectedException rejected)
            {
                Interlocked.Increment(ref refused);
                await Task.Delay(rejected.RetryAfter ?? TimeSpan.FromMilliseconds(5), ct);
                return false;
            }
        }

        // The first call takes the lease.
        while (!await CallAsync(CancellationToken.None))
        {
        }

        Console.Out.WriteLine(ReadyLine);
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await CallAsync(stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        })).ToList();
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Nothing is sent on stdin; closing it stops this process.
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {admitted} {refused}"));
        await app.StopAsync();
    }
}
