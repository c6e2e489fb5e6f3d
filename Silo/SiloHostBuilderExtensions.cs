using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.FileProviders;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Silo.Api;
using RecoveryCluster.Silo.Events;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo;

/// <summary>Configures the silo host from configuration: endpoints, clustering, storage, the grains and the HTTP surface.</summary>
public static partial class SiloHostBuilderExtensions
{
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddRecoveryClusterSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        RequireKeyBeyondLoopback(options, security);
        builder.Services.AddSingleton(security);

        builder.WebHost.UseUrls($"http://{options.HttpAddress}:{options.HttpPort}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.UseOrleans(silo =>
        {
            // Dev mode: one machine, state in memory. The durable mode replaces these two lines.
            var primary = new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort ?? options.SiloPort);
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, options.ServiceId, options.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
            silo.AddDashboard();
            silo.AddActivityPropagation();
        });
        builder.AddRecoveryClusterTelemetry();
        builder.Services.AddSingleton(new StorageDescription("memory", Durable: false));
        builder.Services.AddRecoveryClusterHttp();
        builder.Services.AddRecoveryClusterEvents();
        return builder;
    }

    /// <summary>
    /// OpenTelemetry: the RecoveryCluster meter and activity source, Orleans' own, and ASP.NET Core's; the OTLP
    /// exporter is on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other standard <c>OTEL_*</c> variables apply).
    /// </summary>
    public static WebApplicationBuilder AddRecoveryClusterTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("recovery-cluster-silo"))
            .WithMetrics(m => m.AddMeter(RecoveryInstruments.Name, "Microsoft.Orleans").AddAspNetCoreInstrumentation())
            .WithTracing(t => t.AddSource(RecoveryInstruments.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>The HTTP surface's services: JSON, problem details, the exception mapping and OpenAPI.</summary>
    public static IServiceCollection AddRecoveryClusterHttp(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi();
        return services;
    }

    /// <summary>Maps the API, OpenAPI document and dashboard behind the API key (when one is set).</summary>
    public static WebApplication MapRecoveryCluster(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetRequiredService<SecurityOptions>().ApiKey is { Length: > 0 } key)
        {
            app.UseMiddleware<ApiKeyMiddleware>(key);
        }

        var page = new EmbeddedFileProvider(typeof(SiloHostBuilderExtensions).Assembly, "RecoveryCluster.Silo.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapErrorsApi();
        app.MapCircuitsApi();
        app.MapRecoveryApi();
        app.MapStatusApi();
        app.MapEventsApi();
        app.MapOrleansDashboard("/dashboard");
        return app;
    }

    public static WebApplication WarnIfNotDurable(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RecoveryCluster.Silo");
        LogNotDurable(logger);
        return app;
    }

    private static void RequireKeyBeyondLoopback(SiloHostOptions options, SecurityOptions security)
    {
        var loopback = string.Equals(options.HttpAddress, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(options.HttpAddress, out var address) && IPAddress.IsLoopback(address));
        if (!loopback && string.IsNullOrEmpty(security.ApiKey))
        {
            throw new InvalidOperationException(
                $"The HTTP endpoint listens on {options.HttpAddress}, beyond loopback, but no API key is set. " +
                "Set RecoveryCluster:Security:ApiKey (env RecoveryCluster__Security__ApiKey), or listen on 127.0.0.1.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DEV MODE: localhost clustering and in-memory storage. Nothing is durable: every error, score, timeout and breaker state is lost when this silo stops.")]
    private static partial void LogNotDurable(ILogger logger);
}
