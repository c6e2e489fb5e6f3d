using Polly;
using Polly.Retry;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>
/// Runs the operation again with exponential backoff and ±25 % jitter; more attempts from level 2 on. A matched error
/// pattern's <see cref="Classification.ErrorPattern.MaxRetries"/> sets the attempts at every level.
/// </summary>
public sealed class RetryStrategy : IRecoveryStrategy
{
    public string Id => StrategyIds.Retry;

    public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var backoff = context.Plan.Level == RecoveryLevel.Basic ? BackoffOptions.Basic : BackoffOptions.Extended;
        if (context.Pattern?.MaxRetries is { } maxRetries)
        {
            if (maxRetries == 0)
            {
                return StrategyResult.Failed(context.Error, context.TaskIds.Count, detail: $"error pattern '{context.Pattern.Id}' allows no retries");
            }

            backoff = backoff with { Attempts = maxRetries };
        }

        return await RunWithBackoffAsync(context, backoff, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the operation up to <see cref="BackoffOptions.Attempts"/> times; shared by the strategies that retry after a repair.</summary>
    internal static async Task<StrategyResult> RunWithBackoffAsync(RecoveryContext context, BackoffOptions backoff, CancellationToken cancellationToken)
    {
        var builder = new ResiliencePipelineBuilder<object?> { TimeProvider = context.TimeProvider };
        if (backoff.Attempts > 1)
        {
            // Polly counts retries, not attempts: one attempt means no retry strategy at all.
            builder.AddRetry(new RetryStrategyOptions<object?>
            {
                MaxRetryAttempts = backoff.Attempts - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !cancellationToken.IsCancellationRequested),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(BackoffDelay.Compute(
                    args.AttemptNumber + 1, backoff.InitialDelay, backoff.Factor, backoff.MaxDelay, Random.Shared.NextDouble() * 2 - 1)),
            });
        }

        var pipeline = builder.Build();

        try
        {
            var value = await pipeline.ExecuteAsync(
                static async (state, ct) => await state(ct).ConfigureAwait(false), context.Operation, cancellationToken).ConfigureAwait(false);
            return StrategyResult.Recovered(value, context.TaskIds.Count, context.TaskIds.Count);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return StrategyResult.Failed(error, context.TaskIds.Count);
        }
    }
}
