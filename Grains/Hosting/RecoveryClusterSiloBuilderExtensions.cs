using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryCluster.Grains.Audit;
using RecoveryCluster.Grains.CircuitBreaker;
using RecoveryCluster.Grains.Diagnostics;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Reloading;
using RecoveryCluster.Grains.Retention;
using RecoveryCluster.Grains.Storage;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Hosting;

/// <summary>Adds the RecoveryCluster grains' services to a silo. Storage is the host's choice (<see cref="StorageNames"/>).</summary>
public static class RecoveryClusterSiloBuilderExtensions
{
    public static ISiloBuilder AddRecoveryCluster(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRecoveryClusterGrainServices();
        builder.AddIncomingGrainCallFilter<StorageFailureFilter>();
        builder.AddIncomingGrainCallFilter<GrainCallCounter>();
        builder.AddStartupTask<RetentionSchedule>();
        return builder;
    }

    public static IServiceCollection AddRecoveryClusterGrainServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RecoveryOptions>().BindConfiguration(RecoveryOptions.Section).ValidateDataAnnotations().ValidateOnStart().KeepLastValidOnReload();
        // Not reloaded: WindowSize and the trend buckets size each statistics grain's state.
        services.AddOptions<StrategyStatsOptions>().BindConfiguration(StrategyStatsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart().KeepLastValidOnReload();
        services.AddOptions<CircuitBreakerOptions>().BindConfiguration(CircuitBreakerOptions.Section).ValidateDataAnnotations().ValidateOnStart().KeepLastValidOnReload();
        services.TryAddSingleton(RecoveryClock.System);
        services.AddMetrics();
        services.TryAddSingleton<RecoveryInstruments>();
        services.TryAddSingleton(sp => new StrategyCatalog(sp.GetServices<StrategyDescriptor>()));
        services.TryAddSingleton<SiloCircuitView>();
        services.TryAddSingleton<SiloStrategyScores>();
        services.TryAddSingleton<ErrorIndexFeed>();
        services.TryAddSingleton<IErrorList, IndexedErrorList>();
        services.TryAddSingleton<GrainCallCount>();

        // Dev mode's history; the durable mode registers its PostgreSQL store first, and TryAdd keeps it.
        services.TryAddSingleton<IRecoveryHistoryStore, GrainHistoryStore>();
        services.TryAddSingleton<IErrorStateJournal, NoErrorStateJournal>();
        services.TryAddSingleton<IAuditTrail, GrainAuditTrail>();
        services.AddRecoveryEvents();
        return services;
    }

    /// <summary>Registers a custom strategy with the planner; register the same strategies on every silo.</summary>
    public static IServiceCollection AddRecoveryStrategy(this IServiceCollection services, StrategyDescriptor strategy)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(strategy);
        services.AddSingleton(strategy);
        return services;
    }
}
