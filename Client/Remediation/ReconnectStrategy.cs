using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Re-establishes the component's connection, then runs the operation again.</summary>
public sealed class ReconnectStrategy : RepairThenRetryStrategy
{
    public override string Id => StrategyIds.Reconnect;

    protected override async Task<int?> RepairAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        await context.Actions.ReconnectAsync(context.Component, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
