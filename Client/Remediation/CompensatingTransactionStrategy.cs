using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>
/// Undoes the steps that ran, in reverse order, then runs the operation once more from a clean state. A failed
/// compensation stops the walk: later (earlier-run) steps must not be undone on top of an inconsistent one.
/// </summary>
public sealed class CompensatingTransactionStrategy : IRecoveryStrategy
{
    private static readonly BackoffOptions Once = new(1, TimeSpan.Zero, 1, TimeSpan.Zero);

    public string Id => StrategyIds.CompensatingTransaction;

    public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compensations = context.Options.Compensations ?? [];
        for (var i = compensations.Count - 1; i >= 0; i--)
        {
            try
            {
                await compensations[i](cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return StrategyResult.Failed(
                    new AggregateException($"Compensation {i + 1} of {compensations.Count} failed.", context.Error, error),
                    context.TaskIds.Count, detail: $"compensation {i + 1} failed");
            }
        }

        return await RetryStrategy.RunWithBackoffAsync(context, Once, cancellationToken).ConfigureAwait(false);
    }
}
