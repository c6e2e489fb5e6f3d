using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>Adds the cluster to a Polly v8 pipeline in one line.</summary>
public static class RecoveryClusterResilienceExtensions
{
    /// <summary>Gates calls on the component's cluster-wide breaker and reports their failures to it.</summary>
    public static TBuilder AddClusterCircuitBreaker<TBuilder>(this TBuilder builder, IRecoveryClient client, string component)
        where TBuilder : ResiliencePipelineBuilderBase
    {
        ArgumentNullException.ThrowIfNull(builder);
        var recoveryClient = AsRecoveryClient(client);
        Guard.Key(component, nameof(component));
        builder.AddStrategy(
            context => new ClusterCircuitBreakerStrategy(recoveryClient, component, context.Telemetry),
            new ClusterStrategyOptions($"ClusterCircuitBreaker:{component}"));
        return builder;
    }

    /// <summary>Hands failures to the cluster's progressive recovery; put it outermost so its strategies re-run the rest of the pipeline.</summary>
    public static TBuilder AddClusterRecovery<TBuilder>(this TBuilder builder, IRecoveryClient client, string component, string operation, ExecuteOptions? options = null)
        where TBuilder : ResiliencePipelineBuilderBase
    {
        ArgumentNullException.ThrowIfNull(builder);
        var recoveryClient = AsRecoveryClient(client);
        Guard.Key(component, nameof(component));
        Guard.Key(operation, nameof(operation));
        builder.AddStrategy(
            context => new ClusterRecoveryStrategy(recoveryClient, component, operation, options, context.Telemetry),
            new ClusterStrategyOptions($"ClusterRecovery:{component}/{operation}"));
        return builder;
    }

    private static RecoveryClient AsRecoveryClient(IRecoveryClient client) =>
        client as RecoveryClient ?? throw new ArgumentException("The Polly integration needs the RecoveryClient registered by AddRecoveryClient.", nameof(client));
}
