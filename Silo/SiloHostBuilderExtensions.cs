using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Orleans.Dashboard;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Persistence;
using RecoveryCluster.Reloading;
using RecoveryCluster.Silo.Api;
using RecoveryCluster.Silo.Audit;
using RecoveryCluster.Silo.Events;
using RecoveryCluster.Silo.Health;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo;

/// <summary>Configures the silo host from configuration: endpoints, clustering, storage, the grains and the HTTP surface.</summary>
public static partial class SiloHostBuilderExtensions
{
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// Binds and validates <see cref="SiloHostOptions"/> once per builder and registers them as <c>IOptions</c>; later
    /// calls return the same instance. Hand-written rather than <c>ValidateOnStart</c>: the builder itself needs the
    /// ports and addresses (Kestrel's URL, Orleans' endpoints, durable mode's wait) before there is a container, so a
    /// bad value must stop it here. Throws an <see cref="OptionsValidationException"/> that names the setting.
    /// </summary>
    public static SiloHostOptions AddSiloHostOptions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(IOptions<SiloHostOptions>))?.ImplementationInstance is IOptions<SiloHostOptions> added)
        {
            return added.Value;
        }

        var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        var result = new DataAnnotationValidateOptions<SiloHostOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SiloHostOptions), result.Failures);
        }

        builder.Services.AddSingleton(Options.Create(options));
        return options;
    }

    public static WebApplicationBuilder AddRecoveryClusterSilo(this WebApplicationBuilder builder)
    {
        var options = builder.AddSiloHostOptions();
        // Keys reload with configuration (a rotation needs no restart); an invalid key list on reload keeps the last valid one.
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart().KeepLastValidOnReload();
        builder.Services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddSingleton<RefusalLogThrottle>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorization(ApiPolicies.Configure);
        builder.Services.AddSingleton<OperatorAudit>();

        // Request lines carry the query string, which holds a key while a browser trades ?apiKey= for its cookie.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.WebHost.UseUrls($"http://{options.HttpAddress}:{options.HttpPort}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        var connectionString = DurableMode.ConnectionString(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            if (connectionString is null)
            {
                // Dev mode: one machine, state in memory.
                var primary = new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort ?? options.SiloPort);
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, options.ServiceId, options.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Recovery);
                silo.UseInMemoryReminderService();
            }
            else
            {
                UseDurableCluster(silo, options, connectionString);
            }

            silo.AddRecoveryCluster();
            silo.AddDashboard();
            silo.AddActivityPropagation();
        });
        builder.AddRecoveryClusterTelemetry();
        builder.Services.AddRecoveryClusterHttp();
        builder.Services.AddRecoveryClusterEvents();
        builder.Services.AddRecoveryClusterHealthChecks(durable: connectionString is not null);
        return builder;
    }

    /// <summary>
    /// Durable mode: peers found through PostgreSQL, state and reminders there too. Failure detection is tightened so
    /// a silo that dies is declared dead, and its grains served elsewhere, in about ten seconds: probes every 2 s,
    /// dead after 3 missed probes and 2 votes.
    /// </summary>
    private static void UseDurableCluster(ISiloBuilder silo, SiloHostOptions options, string connectionString)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(DurableMode.AdvertisedAddress(options), options.SiloPort, options.GatewayPort, options.ListenOnAnyAddress);
        if (options.SiloName is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }

        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
        });
        silo.UseRecoveryClusterPostgres(connectionString);

        // The breaker's half-open reminder may tick more often than Orleans' one-minute default allows.
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// OpenTelemetry: the RecoveryCluster meter and activity source, Orleans' own, and ASP.NET Core's. Metrics are
    /// always collected; spans and the OTLP exporter are on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other
    /// standard <c>OTEL_*</c> variables apply): a span per grain call that nobody receives costs every call for nothing.
    /// </summary>
    public static WebApplicationBuilder AddRecoveryClusterTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("recovery-cluster-silo"))
            .WithMetrics(m => m.AddMeter(RecoveryInstruments.Name, "Microsoft.Orleans").AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(t => t.AddSource(RecoveryInstruments.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddAspNetCoreInstrumentation())
                .UseOtlpExporter();
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

    /// <summary>
    /// Maps the API, OpenAPI document and dashboard behind the API keys (when any is set): each route names the least
    /// role it needs, and the page and anything else unnamed need a reader (the fallback policy).
    /// </summary>
    public static WebApplication MapRecoveryCluster(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyCookieMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();

        var page = new EmbeddedFileProvider(typeof(SiloHostBuilderExtensions).Assembly, "RecoveryCluster.Silo.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });

        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(ApiPolicies.Reader);
        app.MapErrorsApi();
        app.MapCircuitsApi();
        app.MapRecoveryApi();
        app.MapStatusApi();
        app.MapEventsApi();
        app.MapAuditApi();
        app.MapComponentsApi();
        app.MapHealthEndpoints();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(ApiPolicies.Reader);
        return app;
    }

    public static WebApplication LogStorageMode(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RecoveryCluster.Silo");
        if (app.Services.GetRequiredService<IRecoveryHistoryStore>().IsDurable)
        {
            LogDurable(logger);
        }
        else
        {
            LogNotDurable(logger);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DEV MODE: localhost clustering and in-memory storage. Nothing is durable: every error, score, timeout and breaker state is lost when this silo stops.")]
    private static partial void LogNotDurable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable mode: clustering, grain state, reminders and recovery history on PostgreSQL.")]
    private static partial void LogDurable(ILogger logger);
}
