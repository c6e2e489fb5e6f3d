using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Hooks;
using RecoveryCluster.Client.Strategies;

namespace RecoveryCluster.Client.Hosting;

/// <summary>The one way in: <c>services.AddRecoveryClient()</c> or <c>builder.AddRecoveryClient()</c>.</summary>
public static class RecoveryClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IRecoveryClient"/> with options from <c>RecoveryCluster:Client</c>, validated at start. It needs an
    /// <see cref="IGrainFactory"/>: a host that is not a silo also calls <see cref="AddRecoveryClusterConnection"/> (the
    /// host-builder overload does both).
    /// </summary>
    public static IServiceCollection AddRecoveryClient(this IServiceCollection services, Action<RecoveryClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RecoveryClientOptions>().BindConfiguration(RecoveryClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRecoveryActions, NoRecoveryActions>();
        services.TryAddSingleton(sp => new ErrorClassifier(sp.GetServices<ErrorPattern>(), sp.GetServices<ExceptionTypeMapping>()));
        services.TryAddSingleton(sp => new StrategyRegistry(sp.GetServices<IRecoveryStrategy>()));
        services.TryAddSingleton(sp =>
        {
            var hooks = new RecoveryHooks(sp.GetRequiredService<ILogger<RecoveryHooks>>());
            foreach (var registration in sp.GetServices<RecoveryHookRegistration>())
            {
                registration.Apply(hooks);
            }

            return hooks;
        });
        services.TryAddSingleton(sp => new RecoveryClient(
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<RecoveryClientOptions>>(), sp.GetRequiredService<ErrorClassifier>(),
            sp.GetRequiredService<StrategyRegistry>(), sp.GetRequiredService<IRecoveryActions>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RecoveryClient>>(), sp.GetRequiredService<RecoveryHooks>()));
        services.TryAddSingleton<IRecoveryClient>(sp => sp.GetRequiredService<RecoveryClient>());
        services.AddHostedService<RecoveryClientLifetime>();
        return services;
    }

    /// <summary>Adds an Orleans client connected to the gateways of <see cref="RecoveryClientOptions"/> (127.0.0.1:30000 when none are set).</summary>
    public static IServiceCollection AddRecoveryClusterConnection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(RecoveryClientOptions.Section).Get<RecoveryClientOptions>() ?? new RecoveryClientOptions();
        services.AddOrleansClient(client =>
        {
            if (options.Gateways.Count == 0)
            {
                client.UseLocalhostClustering(30000, options.ServiceId, options.ClusterId);
                return;
            }

            var endpoints = options.Gateways.Select(g => GatewayAddress.TryParse(g, out var endpoint)
                ? endpoint
                : throw new OptionsValidationException(RecoveryClientOptions.Section, typeof(RecoveryClientOptions), [$"Gateway '{g}' is not host:port."])).ToArray();
            client.UseStaticClustering(endpoints);
            client.Configure<ClusterOptions>(c =>
            {
                c.ClusterId = options.ClusterId;
                c.ServiceId = options.ServiceId;
            });
        });
        return services;
    }

    /// <summary>Adds the Orleans client and the recovery client to a host.</summary>
    public static IHostApplicationBuilder AddRecoveryClient(this IHostApplicationBuilder builder, Action<RecoveryClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRecoveryClusterConnection(builder.Configuration);
        builder.Services.AddRecoveryClient(configure);
        return builder;
    }

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
