using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Walks the call's degradation levels, best first; the first that succeeds is the result.</summary>
public sealed class GracefulDegradationStrategy : IRecoveryStrategy
{
    public string Id => StrategyIds.GracefulDegradation;

    public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var levels = context.Options.DegradationLevels ?? [];
        if (levels.Count == 0)
        {
            return StrategyResult.Failed(context.Error, detail: "the call has no degradation levels");
        }

        var errors = new List<Exception> { context.Error };
        for (var i = 0; i < levels.Count; i++)
        {
            try
            {
                var value = await levels[i](cancellationToken).ConfigureAwait(false);
                return StrategyResult.Recovered(value, context.TaskIds.Count, context.TaskIds.Count, $"degraded to level {i + 1} of {levels.Count}");
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                errors.Add(error);
            }
        }

        return StrategyResult.Failed(new AggregateException("Every degradation level failed.", errors), context.TaskIds.Count);
    }
}
