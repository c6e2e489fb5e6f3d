using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RecoveryCluster.Client.Gate;

namespace RecoveryCluster.Client.Connection;

/// <summary>
/// Every call this worker makes to the cluster goes through one Polly pipeline: a timeout of
/// <see cref="RecoveryClientOptions.ClusterCallTimeout"/> (or the call's own), and for a call that is safe to repeat a
/// retry of an unanswered try. "Unanswered" is <see cref="ClusterFailure"/>; a call on behalf of a component's gate
/// also moves that gate to this worker's own breaker when the cluster does not answer.
/// </summary>
internal sealed class ClusterCalls
{
    /// <summary>Tries of a repeatable call before it is given up as unanswered.</summary>
    public const int RepeatableAttempts = 3;

    private static readonly ResiliencePropertyKey<TimeSpan> TimeoutKey = new("RecoveryCluster.ClusterCall.Timeout");
    private static readonly ResiliencePropertyKey<bool> RepeatableKey = new("RecoveryCluster.ClusterCall.Repeatable");

    private readonly ResiliencePipeline _pipeline;

    public ClusterCalls(IOptions<RecoveryClientOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = options.Value.ClusterCallTimeout;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Only a call the cluster takes once however often it arrives (it carries its own id) is repeated.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error && ClusterFailure.Is(error) && args.Context.Properties.GetValue(RepeatableKey, false)),
                MaxRetryAttempts = RepeatableAttempts - 1,
                BackoffType = DelayBackoffType.Linear,
                Delay = TimeSpan.FromMilliseconds(50),
                UseJitter = false,
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(TimeoutKey, timeout)),
            })
            .Build();
    }

    /// <summary>One call, bounded by the cluster call timeout (or <paramref name="timeout"/>).</summary>
    public Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        RunAsync(call, repeatable: false, timeout, cancellationToken);

    /// <inheritdoc cref="CallAsync{T}(Func{Task{T}}, CancellationToken, TimeSpan?)"/>
    public Task CallAsync(Func<Task> call, CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        RunAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, repeatable: false, timeout, cancellationToken);

    /// <summary>A call the cluster deduplicates, tried up to <see cref="RepeatableAttempts"/> times while it goes unanswered.</summary>
    public Task<T> CallRepeatableAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default) =>
        RunAsync(call, repeatable: true, timeout: null, cancellationToken);

    /// <summary>
    /// A call for <paramref name="gate"/>'s component: when the cluster does not answer, the gate goes to this worker's
    /// own breaker until its subscription is renewed, and the miss is counted; the failure is rethrown.
    /// </summary>
    public async Task<T> CallAsync<T>(ComponentGate gate, Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RunAsync(call, repeatable: false, timeout: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            gate.MarkUnreachable();
            ClientMetrics.ClusterUnreachable.Add(1);
            throw;
        }
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> call, bool repeatable, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (timeout is { } own)
        {
            context.Properties.Set(TimeoutKey, own);
        }

        if (repeatable)
        {
            context.Properties.Set(RepeatableKey, true);
        }

        try
        {
            // A grain call takes no token: the wait is what the timeout cancels (the call itself is abandoned, as before).
            return await _pipeline.ExecuteAsync(
                static async (ctx, call) => await call().WaitAsync(ctx.CancellationToken).ConfigureAwait(false), context, call).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
