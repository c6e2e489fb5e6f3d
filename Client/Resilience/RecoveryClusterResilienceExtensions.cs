using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// Adds the cluster to a Polly v8 pipeline in one line per concern. The client is the concrete
/// <see cref="RecoveryClient"/> (<c>AddRecoveryClient</c> registers it): the strategies reach its gate, limiter and
/// hedging, which <see cref="IRecoveryClient"/> does not expose.
/// </summary>
public static class RecoveryClusterResilienceExtensions
{
    /// <summary>Gates calls on the component's cluster-wide breaker; every exception but a cancellation counts as a failure.</summary>
    public static ResiliencePipelineBuilder AddClusterCircuitBreaker(this ResiliencePipelineBuilder builder, RecoveryClient client, string component) =>
        builder.AddClusterCircuitBreaker(client, new ClusterCircuitBreakerStrategyOptions { Component = component });

    /// <summary>Gates calls on the component's cluster-wide breaker; every exception but a cancellation counts as a failure.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterCircuitBreaker<TResult>(this ResiliencePipelineBuilder<TResult> builder, RecoveryClient client, string component) =>
        builder.AddClusterCircuitBreaker(client, new ClusterCircuitBreakerStrategyOptions<TResult> { Component = component });

    /// <summary>Gates calls on the component's cluster-wide breaker and reports the outcomes <c>ShouldHandle</c> counts as failures.</summary>
    public static ResiliencePipelineBuilder AddClusterCircuitBreaker(this ResiliencePipelineBuilder builder, RecoveryClient client, ClusterCircuitBreakerStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        IClusterStrategyClient strategyClient = client;
        return builder.AddStrategy(context => new ClusterCircuitBreakerStrategy<object>(strategyClient, options, context.Telemetry), options);
    }

    /// <summary>Gates calls on the component's cluster-wide breaker and reports the outcomes <c>ShouldHandle</c> counts as failures.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterCircuitBreaker<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, RecoveryClient client, ClusterCircuitBreakerStrategyOptions<TResult> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        IClusterStrategyClient strategyClient = client;
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
    public static ResiliencePipelineBuilder AddClusterRecovery(this ResiliencePipelineBuilder builder, RecoveryClient client, string component, string operation, ExecuteOptions? options = null) =>
        builder.AddClusterRecovery(client, new ClusterRecoveryStrategyOptions { Component = component, Operation = operation, ExecuteOptions = options });

    /// <summary>Hands failures to the cluster's progressive recovery; put it outermost so its strategies re-run the rest of the pipeline.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterRecovery<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, RecoveryClient client, string component, string operation, ExecuteOptions? options = null) =>
        builder.AddClusterRecovery(client, new ClusterRecoveryStrategyOptions<TResult> { Component = component, Operation = operation, ExecuteOptions = options });

    /// <summary>Hands the outcomes <c>ShouldHandle</c> picks to the cluster's progressive recovery; put it outermost.</summary>
    public static ResiliencePipelineBuilder AddClusterRecovery(this ResiliencePipelineBuilder builder, RecoveryClient client, ClusterRecoveryStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        IClusterStrategyClient strategyClient = client;
        return builder.AddStrategy(context => new ClusterRecoveryStrategy<object>(strategyClient, options, context.Telemetry), options);
    }

    /// <summary>Hands the outcomes <c>ShouldHandle</c> picks to the cluster's progressive recovery; put it outermost.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterRecovery<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, RecoveryClient client, ClusterRecoveryStrategyOptions<TResult> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        IClusterStrategyClient strategyClient = client;
        return builder.AddStrategy(context => new ClusterRecoveryStrategy<TResult>(strategyClient, options, context.Telemetry), options);
    }

    /// <summary>Admits calls only within this worker's share of the component's fleet limits; put it outermost, where Polly's rate limiter goes.</summary>
    public static ResiliencePipelineBuilder AddClusterFleetLimit(this ResiliencePipelineBuilder builder, RecoveryClient client, string component) =>
        builder.AddClusterFleetLimit(client, new ClusterFleetLimitStrategyOptions { Component = component });

    /// <summary>Admits calls only within this worker's share of the component's fleet limits; put it outermost, where Polly's rate limiter goes.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterFleetLimit<TResult>(this ResiliencePipelineBuilder<TResult> builder, RecoveryClient client, string component) =>
        builder.AddClusterFleetLimit(client, new ClusterFleetLimitStrategyOptions { Component = component });

    /// <summary>Admits calls only within this worker's share of the component's fleet limits.</summary>
    public static ResiliencePipelineBuilder AddClusterFleetLimit(this ResiliencePipelineBuilder builder, RecoveryClient client, ClusterFleetLimitStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddStrategy(context => new ClusterFleetLimitStrategy<object>(client, options, context.Telemetry), options);
    }

    /// <summary>Admits calls only within this worker's share of the component's fleet limits.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterFleetLimit<TResult>(
        this ResiliencePipelineBuilder<TResult> builder, RecoveryClient client, ClusterFleetLimitStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddStrategy(context => new ClusterFleetLimitStrategy<TResult>(client, options, context.Telemetry), options);
    }

    /// <summary>Hedges an idempotent operation with the fleet's learned delay while the component's policy hedges.</summary>
    public static ResiliencePipelineBuilder AddClusterHedging(this ResiliencePipelineBuilder builder, RecoveryClient client, string component, string operation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(client);
        var options = new ClusterHedgingStrategyOptions { Component = component, Operation = operation };
        return builder.AddStrategy(_ => new ClusterHedgingStrategy<object>(client, options), options);
    }

    /// <summary>Hedges an idempotent operation with the fleet's learned delay while the component's policy hedges.</summary>
    public static ResiliencePipelineBuilder<TResult> AddClusterHedging<TResult>(this ResiliencePipelineBuilder<TResult> builder, RecoveryClient client, string component, string operation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(client);
        var options = new ClusterHedgingStrategyOptions { Component = component, Operation = operation };
        return builder.AddStrategy(_ => new ClusterHedgingStrategy<TResult>(client, options), options);
    }
}
