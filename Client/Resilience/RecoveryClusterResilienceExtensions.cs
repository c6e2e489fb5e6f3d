using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>Adds the cluster to a Polly v8 pipeline in one line.</summary>
public static class RecoveryClusterResilienceExtensions
{
    /// <summary>Gates calls on the component's cluster-wide breaker; every exception but a cancellation counts as a failure.</summary>
    public static ResiliencePipelineBuilder AddClusterCircuitBreaker(this ResiliencePipelineBuilder builder, IRecoveryClient client, string component) =>
        builder.AddClusterCircuitBreaker(client, new ClusterCircuitBreakerStrategyOptions { Component = component });

    /// <summary>Gates calls on the component's cluster-wide breaker; every exception but a cancellation counts as a failure.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterCircuitBreaker<TResult>(this ResiliencePipelineBuilder<TResult> builder, IRecoveryClient client, string component) =>
        builder.AddClusterCircuitBreaker(client, new ClusterCircuitBreakerStrategyOptions<TResult> { Component = component });

    /// <summary>Gates calls on the component's cluster-wide breaker and reports the outcomes <c>ShouldHandle</c> counts as failures.</summary>
    public static ResiliencePipelineBuilder AddClusterCircuitBreaker(this ResiliencePipelineBuilder builder, IRecoveryClient client, ClusterCircuitBreakerStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var strategyClient = StrategyClientOf(client);
        return builder.AddStrategy(context => new ClusterCircuitBreakerStrategy<object>(strategyClient, options, context.Telemetry), options);
    }

    /// <summary>Gates calls on the component's cluster-wide breaker and reports the outcomes <c>ShouldHandle</c> counts as failures.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterCircuitBreaker<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, IRecoveryClient client, ClusterCircuitBreakerStrategyOptions<TResult> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var strategyClient = StrategyClientOf(client);
        return builder.AddStrategy(context => new ClusterCircuitBreakerStrategy<TResult>(strategyClient, options, context.Telemetry), options);
    }

    /// <summary>
    /// Gates calls on the component's cluster-wide breaker with the recovery client from <paramref name="services"/>
    /// (the one <c>AddRecoveryClient</c> registers): for pipelines built in DI, e.g. in
    /// <c>AddResilienceHandler(name, (builder, context) => builder.AddClusterCircuitBreaker(context.ServiceProvider, options))</c>.
    /// </summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterCircuitBreaker<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, IServiceProvider services, ClusterCircuitBreakerStrategyOptions<TResult> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        return builder.AddClusterCircuitBreaker(services.GetRequiredService<RecoveryClient>(), options);
    }

    /// <summary>The same, in a pipeline without a result type.</summary>
    public static ResiliencePipelineBuilder AddClusterCircuitBreaker(this ResiliencePipelineBuilder builder, IServiceProvider services, ClusterCircuitBreakerStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        return builder.AddClusterCircuitBreaker(services.GetRequiredService<RecoveryClient>(), options);
    }

    /// <summary>Hands failures to the cluster's progressive recovery; put it outermost so its strategies re-run the rest of the pipeline.</summary>
    public static ResiliencePipelineBuilder AddClusterRecovery(this ResiliencePipelineBuilder builder, IRecoveryClient client, string component, string operation, ExecuteOptions? options = null) =>
        builder.AddClusterRecovery(client, new ClusterRecoveryStrategyOptions { Component = component, Operation = operation, ExecuteOptions = options });

    /// <summary>Hands failures to the cluster's progressive recovery; put it outermost so its strategies re-run the rest of the pipeline.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterRecovery<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, IRecoveryClient client, string component, string operation, ExecuteOptions? options = null) =>
        builder.AddClusterRecovery(client, new ClusterRecoveryStrategyOptions<TResult> { Component = component, Operation = operation, ExecuteOptions = options });

    /// <summary>Hands the outcomes <c>ShouldHandle</c> picks to the cluster's progressive recovery; put it outermost.</summary>
    public static ResiliencePipelineBuilder AddClusterRecovery(this ResiliencePipelineBuilder builder, IRecoveryClient client, ClusterRecoveryStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var strategyClient = StrategyClientOf(client);
        return builder.AddStrategy(context => new ClusterRecoveryStrategy<object>(strategyClient, options, context.Telemetry), options);
    }

    /// <summary>Hands the outcomes <c>ShouldHandle</c> picks to the cluster's progressive recovery; put it outermost.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterRecovery<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, IRecoveryClient client, ClusterRecoveryStrategyOptions<TResult> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var strategyClient = StrategyClientOf(client);
        return builder.AddStrategy(context => new ClusterRecoveryStrategy<TResult>(strategyClient, options, context.Telemetry), options);
    }

    /// <summary>The strategies talk to the client through <see cref="IClusterStrategyClient"/>, which every client of this library implements.</summary>
    private static IClusterStrategyClient StrategyClientOf(IRecoveryClient client) =>
        client as IClusterStrategyClient ?? throw new ArgumentException("The Polly integration needs a recovery client of this library (AddRecoveryClient registers one).", nameof(client));
}
