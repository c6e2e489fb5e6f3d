using System.Collections.Concurrent;
using Polly;
using RecoveryCluster.Client.FleetLimits;
using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Client.Hedging;

/// <summary>
/// Hedging of the calls a caller marks idempotent (<see cref="ExecuteOptions.IsIdempotent"/>), through Polly's hedging
/// strategy: after the operation's delay a copy starts, the first to succeed wins and the others are cancelled. The
/// delay per (component, operation) comes from the fleet with each lease renewal; this worker contributes its own
/// recent latencies at the policy's percentile to it. A copy cancelled because another won is timed to its
/// cancellation, so the learned delay cannot shrink just because hedging hides the slow tail.
/// </summary>
internal sealed class HedgedOperations(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ComponentHedging> _components = new(StringComparer.Ordinal);

    /// <summary>What the latest lease says about the component's hedging.</summary>
    public void Apply(LimitLease lease) => _components.GetOrAdd(lease.Component, _ => new ComponentHedging(time)).Apply(lease.Hedging, lease.HedgingDelays);

    /// <summary>True when the component's policy, as the latest lease says, hedges.</summary>
    public bool IsOn(string component) => _components.TryGetValue(component, out var hedging) && hedging.Pipeline is not null;

    /// <summary>The hedging delay this worker uses for the operation now (null: no hedging).</summary>
    public TimeSpan? DelayOf(string component, string operation) =>
        _components.TryGetValue(component, out var hedging) && hedging.Policy is not null ? hedging.DelayOf(operation) : null;

    /// <summary>The component's operations' latencies for the next renewal, most called first; null when hedging is off.</summary>
    public IReadOnlyList<OperationLatency>? TakeLatencies(string component)
    {
        if (!_components.TryGetValue(component, out var hedging) || hedging.Policy is not { } policy)
        {
            return null;
        }

        var latencies = hedging.Windows
            .Select(w => (Operation: w.Key, Figure: w.Value.Take(policy.Percentile)))
            .Where(w => w.Figure is not null)
            .Select(w => new OperationLatency(w.Operation, w.Figure!.Value.Calls, w.Figure.Value.Quantile))
            .OrderByDescending(l => l.Calls)
            .Take(LeaseRequest.MaxLatencies)
            .ToList();
        return latencies.Count > 0 ? latencies : null;
    }

    /// <summary>
    /// The call as the gate should run it: timed when the component hedges, and hedged as well when idempotent, each
    /// copy taking a permit of <paramref name="limiter"/> (the component's fleet limit share, null: none). The call
    /// itself when the component has no hedging.
    /// </summary>
    public Func<CancellationToken, Task<T>> Wrap<T>(
        string component, string operation, Func<CancellationToken, Task<T>> action, bool idempotent, ComponentLimiter? limiter)
    {
        // The closures are built in methods of their own: built here, they would be allocated on entry, by every call
        // of a component that does not hedge too.
        return _components.TryGetValue(component, out var hedging) && hedging.Pipeline is { } pipeline
            ? Hedge(component, operation, Timed(hedging.Windows.GetOrAdd(operation, _ => new LatencyWindow()), action), idempotent, limiter, pipeline)
            : action;
    }

    private Func<CancellationToken, Task<T>> Timed<T>(LatencyWindow window, Func<CancellationToken, Task<T>> action) =>
        async ct =>
        {
            var started = time.GetTimestamp();
            try
            {
                return await action(ct).ConfigureAwait(false);
            }
            finally
            {
                window.Record(time.GetElapsedTime(started));
            }
        };

    private static Func<CancellationToken, Task<T>> Hedge<T>(
        string component, string operation, Func<CancellationToken, Task<T>> timed, bool idempotent, ComponentLimiter? limiter, ResiliencePipeline<object?> pipeline)
    {
        if (!idempotent)
        {
            return timed;
        }

        return async ct =>
        {
            var call = new HedgedCall<T>(component, timed, limiter);
            var context = ResilienceContextPool.Shared.Get(ct);
            context.Properties.Set(ComponentHedging.OperationKey, operation);
            try
            {
                var outcome = await pipeline.ExecuteOutcomeAsync(
                    static (ctx, call) => call.RunAttemptAsync(ctx.CancellationToken), context, call).ConfigureAwait(false);
                return call.ResultOf(outcome);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        };
    }
}
