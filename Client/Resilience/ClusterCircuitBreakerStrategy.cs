using Polly;
using Polly.Telemetry;

namespace RecoveryCluster.Client.Resilience;

/// <summary>A Polly strategy that gates calls on the component's cluster breaker and reports their failures to it.</summary>
internal sealed class ClusterCircuitBreakerStrategy(RecoveryClient client, string component, ResilienceStrategyTelemetry telemetry) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        Gate.GateDecision decision;
        try
        {
            decision = await client.EnterAsync(component, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (CircuitOpenException open)
        {
            telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Warning, "ClusterCircuitRejected"), context, open);
            return Outcome.FromException<TResult>(open);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        var failure = outcome.Exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested ? null : outcome.Exception;
        if (failure is not null)
        {
            telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Information, "ClusterFailureReported"), context, failure);
        }

        await client.CompleteAsync(component, decision, failure).ConfigureAwait(context.ContinueOnCapturedContext);
        return outcome;
    }
}
