using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace RecoveryCluster.DurableTests;

/// <summary>An Orleans client in the test process, connected to the given silos' gateways.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public static async Task<ClusterClient> ConnectAsync(string clusterId, IEnumerable<SiloProcess> silos)
    {
        var gateways = silos.Select(s => new IPEndPoint(IPAddress.Loopback, s.GatewayPort)).ToArray();
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(gateways);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "recovery-cluster";
                });
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            })
            .Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A client whose gateways are gone may not say goodbye; nothing is left to clean up.
        }

        _host.Dispose();
    }
}
