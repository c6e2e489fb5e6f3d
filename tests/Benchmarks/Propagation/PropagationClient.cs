using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hosting;

namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>
/// The hidden <c>p4-client</c> mode: a worker process that gates on one component through the worker library and
/// prints, on stdout, each state change it hears with the wall-clock time it heard it (all processes share the
/// machine's clock). It stops when its stdin closes.
/// </summary>
public static class PropagationClient
{
    public const string Mode = "p4-client";

    /// <summary>The line printed once the client is subscribed to the component's breaker.</summary>
    public const string ReadyLine = "ready";

    /// <summary>Prefix of a state-change line: <c>state {State} {utcTicks}</c>.</summary>
    public const string StatePrefix = "state ";

    public static async Task RunAsync(string clusterId, int gatewayPort, string component, string workerId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RecoveryCluster:Client:ClusterId"] = clusterId,
            ["RecoveryCluster:Client:Gateways:0"] = $"127.0.0.1:{gatewayPort.ToString(CultureInfo.InvariantCulture)}",
            ["RecoveryCluster:Client:WorkerId"] = workerId,
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.AddRecoveryClient();
        using var app = builder.Build();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<RecoveryClient>();
        client.CircuitChanged += snapshot =>
        {
            // Read the clock first: the measurement is when this process learned of the change.
            var heardAt = TimeProvider.System.GetUtcNow().UtcTicks;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StatePrefix}{snapshot.State} {heardAt}"));
        };

        // The first call subscribes to the breaker; from then on the gate is a local read kept current by pushes.
        await client.ExecuteAsync(component, "subscribe", _ => Task.FromResult(0));
        Console.Out.WriteLine(ReadyLine);
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Nothing is sent on stdin; closing it stops this process.
        }

        await app.StopAsync();
    }
}
