using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Runs the call's fallback. When the fallback fails too, both errors are kept.</summary>
public sealed class FallbackStrategy : IRecoveryStrategy
{
    public string Id => StrategyIds.Fallback;

    public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.Fallback is not { } fallback)
        {
            return StrategyResult.Failed(context.Error, detail: "the call has no fallback");
        }

        try
        {
            var value = await fallback(cancellationToken).ConfigureAwait(false);
            return StrategyResult.Recovered(value, context.TaskIds.Count, context.TaskIds.Count, "fallback");
        }
        catch (Exception fallbackError) when (fallbackError is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var both = new AggregateException("The operation and its fallback both failed.", context.Error, fallbackError);
            return StrategyResult.Failed(both, context.TaskIds.Count);
        }
    }
}
