using System.Runtime.ExceptionServices;
using Polly;
using RecoveryCluster.Client.FleetLimits;

namespace RecoveryCluster.Client.Hedging;

/// <summary>
/// The attempts of one hedged call. The first runs under the fleet limit permit the call already holds; each copy
/// takes a permit of its own, since it is one more call into the component, and does not start when the share is
/// spent. A copy that did not start never stands in for a real outcome.
/// </summary>
internal sealed class HedgedCall<T>(string component, Func<CancellationToken, Task<T>> action, ComponentLimiter? limiter)
{
    private int _attempts;
    private Exception? _failure;

    public async ValueTask<Outcome<object?>> RunAttemptAsync(CancellationToken cancellationToken)
    {
        var permit = default(ComponentLimiter.Permit);
        var copy = Interlocked.Increment(ref _attempts) > 1 && limiter is not null;
        if (copy && !limiter!.TryEnter(out permit))
        {
            FleetLimitMetrics.HedgesSkipped.Add(1, new KeyValuePair<string, object?>("rc.component", component));
            return Outcome.FromException<object?>(new HedgeSkippedException(component));
        }

        var failed = false;
        try
        {
            return Outcome.FromResult<object?>(await action(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception error)
        {
            // A copy cancelled because another attempt won says nothing about the component.
            failed = !(error is OperationCanceledException && cancellationToken.IsCancellationRequested);
            if (failed)
            {
                Volatile.Write(ref _failure, error);
            }

            return Outcome.FromException<object?>(error);
        }
        finally
        {
            if (copy)
            {
                permit.Complete(failed);
            }
        }
    }

    /// <summary>The call's value, or its failure; when the last attempt to end was a copy that never started, the real failure before it.</summary>
    public T ResultOf(Outcome<object?> outcome)
    {
        if (outcome.Exception is HedgeSkippedException && Volatile.Read(ref _failure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        outcome.ThrowIfException();
        return (T)outcome.Result!;
    }
}
