using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryCluster.Grains.Analytics;
using RecoveryCluster.Grains.Events;
using RecoveryCluster.Reloading;

namespace RecoveryCluster.Grains.Hosting;

/// <summary>Adds the recovery event stream to a silo: the publisher grains write to, its telemetry and the anomaly options.</summary>
public static class RecoveryEventsServiceCollectionExtensions
{
    public static IServiceCollection AddRecoveryEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Not reloaded: the anomaly windows are sized from these when the event hub activates.
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrendOptions>().BindConfiguration(TrendOptions.Section).ValidateDataAnnotations().ValidateOnStart().KeepLastValidOnReload();
        services.TryAddSingleton<RecoveryEventPublisher>();
        services.TryAddSingleton<RecoveryEventInstruments>();
        return services;
    }

    /// <summary>Adds a consumer that sees each event on the silo where it happened (see <see cref="IRecoveryEventSink"/>).</summary>
    public static IServiceCollection AddRecoveryEventSink<TSink>(this IServiceCollection services)
        where TSink : class, IRecoveryEventSink
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TSink>();
        services.AddSingleton<IRecoveryEventSink>(sp => sp.GetRequiredService<TSink>());
        return services;
    }
}
