using RecoveryCluster.Events;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Reloading;

namespace RecoveryCluster.Silo.Events;

/// <summary>The silo host's part of the event stream: the feed behind <c>GET /api/events</c> and the escalation webhook.</summary>
public static partial class SiloEventServiceCollectionExtensions
{
    /// <summary>How often the silo's feed renews its hub subscription.</summary>
    public static TimeSpan FeedRenewal { get; } = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddRecoveryClusterEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<EscalationWebhookOptions>().BindConfiguration(EscalationWebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .KeepLastValidOnReload();
        services.AddHttpClient(EscalationWebhook.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // each attempt has its timeout in the pipeline
            .RemoveAllLoggers() // the webhook logs its attempts itself, and the URL's query string may hold a token
            .AddResilienceHandler(EscalationWebhook.HttpClientName, static (pipeline, context) =>
            {
                // Retries and the attempt timeout are rebuilt when the options change (only to valid values: see KeepLastValidOnReload).
                context.EnableReloads<EscalationWebhookOptions>();
                EscalationWebhook.ConfigureResilience(pipeline, context.GetOptions<EscalationWebhookOptions>());
            });
        services.AddRecoveryEventSink<EscalationWebhook>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationWebhook>());
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("RecoveryCluster.Silo.Events");
            return new RecoveryEventFeed(sp.GetRequiredService<IGrainFactory>(), TimeProvider.System, FeedRenewal, e => LogRenewalFailed(logger, e.Message));
        });
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The silo's event feed could not renew its hub subscription ({Reason}); the next renewal tries again")]
    private static partial void LogRenewalFailed(ILogger logger, string reason);
}
