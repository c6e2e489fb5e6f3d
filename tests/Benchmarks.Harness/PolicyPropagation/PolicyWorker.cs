using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCluster.Client;

namespace RecoveryCluster.Benchmarks.PolicyPropagation;

/// <summary>
/// The hidden <c>policy-worker</c> mode: a worker process that takes a lease on one component and prints, on stdout,
/// <c>policy {version} {utcTicks}</c> the first time a lease of each new policy version reaches it (the machine's
/// wall clock, shared by all processes). It stops when its stdin closes.
/// </summary>
public static class PolicyWorker
{
    public const string Mode = "policy-worker";

    public const string ReadyLine = "ready";

    public const string PolicyPrefix = "policy ";

    public static async Task RunAsync(string clusterId, int gatewayPort, string component, string workerId)
    {
        using var app = WorkerHost.Create(clusterId, gatewayPort, workerId, [new("RecoveryCluster:Client:WaitForClusterOnStart", "true")]).Build();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<RecoveryClient>();
        long seen = -1;
        client.FleetLimits.LeaseApplied += lease =>
        {
            var heardAt = TimeProvider.System.GetUtcNow().UtcTicks;
            if (lease.Component == component && Interlocked.Exchange(ref seen, lease.Version) != lease.Version)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PolicyPrefix}{lease.Version} {heardAt}"));
            }
        };

        // The first call takes the lease, which is the subscription to the component's policy, admitted or not (a limit
        // grain activated again holds back new shares for one lease duration).
        try
        {
            await client.ExecuteAsync(component, "subscribe", _ => Task.FromResult(0));
        }
        catch (RecoveryCluster.Client.FleetLimits.FleetLimitRejectedException)
        {
            // Subscribed all the same.
        }

        Console.Out.WriteLine(ReadyLine);
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Nothing is sent on stdin; closing it stops this process.
        }

        await app.StopAsync();
    }
}
