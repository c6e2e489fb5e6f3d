using Polly;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// A Polly strategy that hedges the rest of the pipeline as <see cref="ExecuteOptions.IsIdempotent"/> calls are hedged:
/// Polly's hedging underneath, the fleet's learned delay, each copy in a context of its own and counted against the
/// fleet limit share. While the component's policy does not hedge, calls pass straight through.
/// </summary>
internal sealed class ClusterHedgingStrategy<TResult>(IClusterStrategyClient client, ClusterHedgingStrategyOptions options) : ResilienceStrategy<TResult>
{
    private readonly string _component = Guard.Key(options.Component, nameof(options.Component));
    private readonly string _operation = Guard.Key(options.Operation, nameof(options.Operation));

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        // The lease brings the component's hedging policy and delays.
        await client.FleetLimiterAsync(_component).ConfigureAwait(context.ContinueOnCapturedContext);
        if (!client.Hedges(_component))
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        var hedged = client.Hedged<TResult>(_component, _operation, async ct =>
        {
            var attempt = ResilienceContextPool.Shared.Get(context.OperationKey, ct);
            try
            {
                var outcome = await callback(attempt, state).ConfigureAwait(false);
                outcome.ThrowIfException();
                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(attempt);
            }
        });
        try
        {
            return Outcome.FromResult(await hedged(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext));
        }
        catch (Exception error)
        {
            return Outcome.FromException<TResult>(error);
        }
    }
}
