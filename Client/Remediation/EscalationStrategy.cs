using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Tells a person; it never recovers the operation itself. The client runs it when the cluster escalates.</summary>
public sealed class EscalationStrategy : IRecoveryStrategy
{
    public string Id => StrategyIds.Escalation;

    public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Actions.EscalateAsync(
            new EscalationNotice(context.Plan.ErrorId, context.Component, context.OperationName, context.Error), cancellationToken).ConfigureAwait(false);
        return StrategyResult.Failed(context.Error, detail: "escalated to a person");
    }
}
