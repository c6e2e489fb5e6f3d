using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.Client.Hooks;
using RecoveryCluster.Client.Measurement;
using RecoveryCluster.Client.Recovery;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Reloading;

namespace RecoveryCluster.Client.Hosting;

/// <summary>The one way in: <c>services.AddRecoveryClient()</c> or <c>builder.AddRecoveryClient()</c>.</summary>
public static class RecoveryClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IRecoveryClient"/> with options from <c>RecoveryCluster:Client</c>, validated at start. It needs an
    /// <see cref="IGrainFactory"/>: a host that is not a silo also calls <see cref="AddRecoveryClusterConnection"/> (the
    /// host-builder overload does both). Without that connection the grain factory is taken as always connected.
    /// </summary>
    public static IServiceCollection AddRecoveryClient(this IServiceCollection services, Action<RecoveryClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = AddOptionsOnce(services);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ClusterConnectionStatus.AlwaysConnected());
        services.TryAddSingleton<IRecoveryActions, NoRecoveryActions>();
        services.TryAddSingleton(sp => new ErrorClassifier(
            sp.GetServices<ErrorPattern>().Concat(sp.GetRequiredService<IOptions<RecoveryClientOptions>>().Value.Patterns.Select(p => p.ToPattern())),
            sp.GetServices<ExceptionTypeMapping>()));
        services.TryAddSingleton(sp => new StrategyRegistry(sp.GetServices<IRecoveryStrategy>()));
        services.TryAddSingleton(sp => new ErrorCorrections(sp.GetServices<ErrorCorrectionRule>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecoveryClientOptions>, ErrorPatternsValidator>());
        services.TryAddSingleton(sp =>
        {
            var hooks = new RecoveryHooks(sp.GetRequiredService<ILogger<RecoveryHooks>>());
            foreach (var registration in sp.GetServices<RecoveryHookRegistration>())
            {
                registration.Apply(hooks);
            }

            return hooks;
        });

        // The client's parts, one service each; their periodic work starts in RecoveryClientLifetime, not in a constructor.
        services.TryAddSingleton<ClusterCalls>();
        services.TryAddSingleton<CircuitGates>();
        services.TryAddSingleton<ResourceSampler>();
        services.TryAddSingleton<StabilityTracker>();
        services.TryAddSingleton<OfflineRecoveries>();
        services.TryAddSingleton<PerCallOptions>();
        services.TryAddSingleton<RecoveryLoop>();
        services.TryAddSingleton<RecoveryClientBackground>();
        services.TryAddSingleton<RecoveryClientParts>();
        services.TryAddSingleton(sp => new RecoveryClient(sp.GetRequiredService<RecoveryClientParts>()));
        services.TryAddSingleton<IRecoveryClient>(sp => sp.GetRequiredService<RecoveryClient>());
        services.AddHostedService<RecoveryClientLifetime>();
        return services;
    }

    /// <summary>
    /// Adds an Orleans client connected to the gateways of <see cref="RecoveryClientOptions"/> (127.0.0.1:30000 when none
    /// are set), in the background: the host starts whether or not a gateway answers (see
    /// <see cref="RecoveryClientOptions.WaitForClusterOnStart"/>). It also registers <see cref="IClusterClient"/>,
    /// <see cref="IGrainFactory"/> and the <see cref="ClusterConnectionStatus"/> the recovery clients share.
    /// </summary>
    public static IServiceCollection AddRecoveryClusterConnection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddOptionsOnce(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new ClusterConnectionStatus());
        services.TryAddSingleton(sp => new ClusterConnection(
            sp.GetRequiredService<IOptions<RecoveryClientOptions>>().Value, sp.GetRequiredService<ClusterConnectionStatus>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterConnection>().Client);
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterConnection>().Client);
        services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
        return services;
    }

    /// <summary>Adds the Orleans client and the recovery client to a host.</summary>
    public static IHostApplicationBuilder AddRecoveryClient(this IHostApplicationBuilder builder, Action<RecoveryClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRecoveryClusterConnection();
        builder.Services.AddRecoveryClient(configure);
        return builder;
    }

    /// <summary>Binds the options once, whichever of the two registrations comes first: binding twice would list every gateway twice.</summary>
    private static OptionsBuilder<RecoveryClientOptions> AddOptionsOnce(IServiceCollection services)
    {
        var options = services.AddOptions<RecoveryClientOptions>();
        if (!services.Any(d => d.ServiceType == typeof(OptionsBound)))
        {
            services.AddSingleton<OptionsBound>();
            // Per-call values (DefaultOperationTimeout, OpenCircuitWait, ReleaseSpread) reload; the rest is read at start.
            options.BindConfiguration(RecoveryClientOptions.Section).ValidateDataAnnotations().ValidateOnStart().KeepLastValidOnReload();
        }

        return options;
    }

    /// <summary>Marks a service collection whose recovery client options are bound.</summary>
    private sealed class OptionsBound;

    /// <summary>Registers a custom strategy; the cluster must know its id too (<c>AddRecoveryStrategy</c> on the silos).</summary>
    public static IServiceCollection AddStrategy<TStrategy>(this IServiceCollection services)
        where TStrategy : class, IRecoveryStrategy
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IRecoveryStrategy, TStrategy>();
        return services;
    }

    /// <summary>
    /// Registers recovery hooks, e.g. <c>services.AddRecoveryHooks(h => h.OnError("database", e => ...))</c>; hooks can
    /// also be added later through <see cref="IRecoveryClient.Hooks"/>.
    /// </summary>
    public static IServiceCollection AddRecoveryHooks(this IServiceCollection services, Action<RecoveryHooks> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(new RecoveryHookRegistration(configure));
        return services;
    }

    /// <summary>
    /// Registers the correction rule for an error pattern: when the cluster plans <c>error-correction</c> for a failure
    /// the pattern matched, <paramref name="applyAsync"/> runs (true: fixed) and then the operation runs again. One rule
    /// per pattern; the pattern must exist (a default, <see cref="AddErrorPattern"/> or configured), checked at start.
    /// </summary>
    public static IServiceCollection AddErrorCorrection(
        this IServiceCollection services, string patternId, Func<RecoveryContext, CancellationToken, Task<bool>> applyAsync)
    {
        ArgumentNullException.ThrowIfNull(services);
        Guard.Key(patternId, nameof(patternId));
        ArgumentNullException.ThrowIfNull(applyAsync);
        services.AddSingleton(new ErrorCorrectionRule(patternId, applyAsync));
        return services;
    }

    /// <summary>Adds an error pattern; patterns are tried by priority, highest first.</summary>
    public static IServiceCollection AddErrorPattern(this IServiceCollection services, ErrorPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(pattern);
        services.AddSingleton(pattern);
        return services;
    }

    /// <summary>Maps an exception type (and its subclasses) to an error type and severity.</summary>
    public static IServiceCollection MapException<TException>(this IServiceCollection services, Errors.ErrorType type, Errors.ErrorSeverity severity)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new ExceptionTypeMapping(typeof(TException), type, severity));
        return services;
    }
}
