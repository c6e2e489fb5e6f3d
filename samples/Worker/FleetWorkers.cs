using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Hosting;

namespace RecoveryCluster.Worker;

/// <summary>
/// Builds the fleet's further workers in one process: each an independent recovery client with its own worker id
/// (so its failures count as another reporter toward the breaker's quorum), sharing one Orleans connection and the
/// simulated components.
/// </summary>
public static class FleetWorkers
{
    public static ServiceProvider Build(
        IGrainFactory grains, SimulatedFleet fleet, string workerId, IConfiguration? configuration = null,
        Action<RecoveryClientOptions>? configure = null, ILoggerFactory? logging = null, ClusterConnectionStatus? connection = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(fleet);
        var services = new ServiceCollection();
        services.AddSingleton(configuration ?? new ConfigurationBuilder().Build());
        if (logging is null)
        {
            services.AddLogging();
        }
        else
        {
            services.AddSingleton(logging);
            services.AddLogging();
        }

        services.AddSingleton(grains);
        services.AddSingleton(connection ?? ClusterConnectionStatus.AlwaysConnected());
        services.AddRecoveryClient(o =>
        {
            configure?.Invoke(o);
            o.WorkerId = workerId;
        });
        services.AddDemoWorkload();

        // Registered last so it wins: every worker calls the same components, as a fleet shares its services.
        services.AddSingleton(fleet);
        return services.BuildServiceProvider();
    }

    /// <summary>The id of the fleet's worker <paramref name="index"/> (0-based): the configured id, then id-2, id-3, ...</summary>
    public static string IdOf(string baseId, int index) =>
        index == 0 ? baseId : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{baseId}-{index + 1}");
}
