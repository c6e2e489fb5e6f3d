using Polly;
using Polly.Telemetry;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// A Polly strategy that hands a failed call to the cluster: it reports the error and runs the planned strategies
/// (which call the rest of the pipeline again) until the error is resolved or escalated.
/// </summary>
internal sealed class ClusterRecoveryStrategy(RecoveryClient client, string component, string operation, ExecuteOptions? options, ResilienceStrategyTelemetry telemetry) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is not { } error
            || error is CircuitOpenException
            || (error is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            return outcome;
        }

        telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Warning, "ClusterRecoveryStarted"), context, error);
        try
        {
            var value = await client.RecoverAsync(component, operation, async _ =>
            {
                var again = await callback(context, state).ConfigureAwait(false);
                again.ThrowIfException();
                return again.Result;
            }, error, options, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Information, "ClusterRecoverySucceeded"), context, error);
            return Outcome.FromResult((TResult)value!);
        }
        catch (Exception final) when (final is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Error, "ClusterRecoveryFailed"), context, final);
            return Outcome.FromException<TResult>(final);
        }
    }
}
