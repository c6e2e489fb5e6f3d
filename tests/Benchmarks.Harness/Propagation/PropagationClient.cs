using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>
/// The hidden <c>p4-client</c> mode: a worker process (or several workers in one process, each with its own recovery
/// client and subscription) that gates on one component through the worker library and prints, on stdout, each state
/// change once all its workers heard it, with the wall-clock time the last one did (all processes share the machine's
/// clock). It stops when its stdin closes.
/// </summary>
public static class PropagationClient
{
    public const string Mode = "p4-client";

    /// <summary>The line printed once the client is subscribed to the component's breaker.</summary>
    public const string ReadyLine = "ready";

    /// <summary>Prefix of a state-change line: <c>state {State} {utcTicks}</c>.</summary>
    public const string StatePrefix = "state ";

    /// <param name="workers">Recovery clients in this process, each with its own subscription, as that many workers would have.</param>
    public static async Task RunAsync(string clusterId, int gatewayPort, string component, string workerId, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var builder = WorkerHost.Create(clusterId, gatewayPort, workerId);
        using var app = builder.Build();
        await app.StartAsync();
        var clients = new List<RecoveryClient> { app.Services.GetRequiredService<RecoveryClient>() };
        for (var k = 1; k < workers; k++)
        {
            clients.Add(AnotherWorker(app.Services, builder.Configuration, $"{workerId}-{k.ToString(CultureInfo.InvariantCulture)}"));
        }

        // One line per change, once every worker of this process heard it, stamped when the last one did.
        var heardBy = new Dictionary<CircuitState, int>();
        foreach (var client in clients)
        {
            client.CircuitChanged += snapshot =>
            {
                // Read the clock first: the measurement is when this worker learned of the change.
                var heardAt = TimeProvider.System.GetUtcNow().UtcTicks;
                lock (heardBy)
                {
                    heardBy[snapshot.State] = heardBy.GetValueOrDefault(snapshot.State) + 1;
                    if (heardBy[snapshot.State] < workers)
                    {
                        return;
                    }

                    heardBy[snapshot.State] = 0;
                }

                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StatePrefix}{snapshot.State} {heardAt}"));
            };
        }

        // The first call subscribes to the breaker; from then on the gate is a local read kept current by pushes.
        await Task.WhenAll(clients.Select(c => c.ExecuteAsync(component, "subscribe", _ => Task.FromResult(0))));
        Console.Out.WriteLine(ReadyLine);
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Nothing is sent on stdin; closing it stops this process.
        }

        await app.StopAsync();
    }

    /// <summary>A second recovery client on the process's cluster connection, under its own worker id.</summary>
    private static RecoveryClient AnotherWorker(IServiceProvider services, IConfiguration configuration, string workerId)
    {
        var options = new RecoveryClientOptions();
        configuration.GetSection(RecoveryClientOptions.Section).Bind(options);
        options.WorkerId = workerId;
        return new RecoveryClient(
            services.GetRequiredService<IGrainFactory>(), Options.Create(options), services.GetRequiredService<ErrorClassifier>(),
            services.GetRequiredService<StrategyRegistry>(), services.GetRequiredService<IRecoveryActions>(), TimeProvider.System,
            services.GetRequiredService<ILogger<RecoveryClient>>(), connection: services.GetRequiredService<ClusterConnectionStatus>());
    }
}
