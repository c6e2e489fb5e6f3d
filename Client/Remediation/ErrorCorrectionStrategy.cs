using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>
/// Applies the fix for the error pattern that matched, then runs the operation again once. The fix is the correction
/// rule registered for the pattern (<c>AddErrorCorrection</c>); without one, <see cref="IRecoveryActions.CorrectAsync"/>.
/// </summary>
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

        if (context.Corrections.TryGet(pattern, out var rule))
        {
            if (!await rule.ApplyAsync(context, cancellationToken).ConfigureAwait(false))
            {
                return StrategyResult.Failed(context.Error, detail: $"the correction rule for pattern '{pattern}' could not fix this failure");
            }
        }
        else if (!await context.Actions.CorrectAsync(pattern, context, cancellationToken).ConfigureAwait(false))
        {
            return StrategyResult.Failed(context.Error, detail: $"no correction is registered for pattern '{pattern}'");
        }

        return await RetryStrategy.RunWithBackoffAsync(context, AfterFix, cancellationToken).ConfigureAwait(false);
    }
}
