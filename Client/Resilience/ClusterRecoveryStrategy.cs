using Polly;
using Polly.Telemetry;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// A Polly strategy that hands a failed call to the cluster: it reports the error and runs the planned strategies
/// (which call the rest of the pipeline again) until the error is resolved or escalated. A result that
/// <c>ShouldHandle</c> counts as a failure is recovered like an exception; if recovery ends without a good outcome, the
/// last result the call returned is what the pipeline returns, as after Polly's retries.
/// </summary>
internal sealed class ClusterRecoveryStrategy<TResult>(IClusterStrategyClient client, ClusterRecoveryStrategyOptions<TResult> options, ResilienceStrategyTelemetry telemetry)
    : ResilienceStrategy<TResult>
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if ((outcome.Exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
            || !await options.ShouldHandle(new RecoveryPredicateArguments<TResult>(context, outcome)).ConfigureAwait(context.ContinueOnCapturedContext))
        {
            return outcome;
        }

        var error = outcome.Exception ?? HandledResultException.Of(outcome.Result);
        var last = outcome;
        telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Warning, "ClusterRecoveryStarted"), context, error);
        try
        {
            var value = await client.RecoverAsync(options.Component, options.Operation, async _ =>
            {
                var again = await callback(context, state).ConfigureAwait(false);
                last = again;
                if (again.Exception is null && await options.ShouldHandle(new RecoveryPredicateArguments<TResult>(context, again)).ConfigureAwait(false))
                {
                    throw HandledResultException.Of(again.Result);
                }

                again.ThrowIfException();
                return again.Result;
            }, error, options.ExecuteOptions, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Information, "ClusterRecoverySucceeded"), context, error);
            return Outcome.FromResult((TResult)value!);
        }
        catch (Exception final) when (final is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Error, "ClusterRecoveryFailed"), context, final);

            // A recovery that ended on a handled result gives back that result, not a stand-in exception.
            return final is HandledResultException ? last : Outcome.FromException<TResult>(final);
        }
    }
}
