using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Strategies;

/// <summary>Applies the fix registered for the error pattern that matched, then runs the operation again.</summary>
public sealed class ErrorCorrectionStrategy : IRecoveryStrategy
{
    private static readonly BackoffOptions AfterFix = new(1, TimeSpan.Zero, 1, TimeSpan.Zero);

    public string Id => StrategyIds.ErrorCorrection;

    public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Classification.PatternId is not { } pattern)
        {
            return StrategyResult.Failed(context.Error, detail: "no error pattern matched, so there is no correction to apply");
        }

        if (!await context.Actions.CorrectAsync(pattern, context, cancellationToken).ConfigureAwait(false))
        {
            return StrategyResult.Failed(context.Error, detail: $"no correction is registered for pattern '{pattern}'");
        }

        return await RetryStrategy.RunWithBackoffAsync(context, AfterFix, cancellationToken).ConfigureAwait(false);
    }
}
