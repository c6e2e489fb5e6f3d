using System.ComponentModel.DataAnnotations;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;

namespace RecoveryCluster.Silo;

/// <summary>Configures the silo host from configuration: endpoints, clustering, storage and the grains.</summary>
public static partial class SiloHostBuilderExtensions
{
    public static WebApplicationBuilder AddRecoveryClusterSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        builder.WebHost.UseUrls($"http://{options.HttpAddress}:{options.HttpPort}");
        builder.UseOrleans(silo =>
        {
            // Dev mode: one machine, state in memory. The durable mode replaces these two lines.
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
        });
        return builder;
    }

    public static WebApplication WarnIfNotDurable(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RecoveryCluster.Silo");
        LogNotDurable(logger);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DEV MODE: localhost clustering and in-memory storage. Nothing is durable: every error, score, timeout and breaker state is lost when this silo stops.")]
    private static partial void LogNotDurable(ILogger logger);
}
