using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Client.Hosting;

namespace RecoveryCluster.Benchmarks;

/// <summary>The host of a worker process the harnesses start: the worker library through one gateway, warnings to stderr.</summary>
public static class WorkerHost
{
    public static HostApplicationBuilder Create(string clusterId, int gatewayPort, string workerId, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RecoveryCluster:Client:ClusterId"] = clusterId,
            ["RecoveryCluster:Client:Gateways:0"] = $"127.0.0.1:{gatewayPort.ToString(CultureInfo.InvariantCulture)}",
            ["RecoveryCluster:Client:WorkerId"] = workerId,
        }.Concat(settings ?? []));
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.AddRecoveryClient();
        return builder;
    }
}
