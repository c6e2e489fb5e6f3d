using Polly;
using Polly.Telemetry;
using RecoveryCluster.Client.FleetLimits;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// A Polly strategy that admits a call only within this worker's share of the component's fleet limits; the same
/// limiter <see cref="IRecoveryClient.ExecuteAsync{T}"/> uses, so both kinds of call share one share.
/// </summary>
internal sealed class ClusterFleetLimitStrategy<TResult>(IClusterStrategyClient client, ClusterFleetLimitStrategyOptions options, ResilienceStrategyTelemetry telemetry)
    : ResilienceStrategy<TResult>
{
    private readonly string _component = Guard.Key(options.Component, nameof(options.Component));

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var limiter = await client.FleetLimiterAsync(_component).ConfigureAwait(context.ContinueOnCapturedContext);
        if (limiter.IsUnlimited)
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        ComponentLimiter.Permit permit;
        try
        {
            permit = limiter.Enter();
        }
        catch (FleetLimitRejectedException rejected)
        {
            telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Error, "ClusterFleetLimitRejected"), context, rejected);
            return Outcome.FromException<TResult>(rejected);
        }

        var failed = true;
        try
        {
            var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            failed = outcome.Exception is not null && !(outcome.Exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested);
            return outcome;
        }
        finally
        {
            permit.Complete(failed);
        }
    }
}
