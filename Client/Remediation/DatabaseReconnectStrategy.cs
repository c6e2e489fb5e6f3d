using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Drops pooled database connections (they may all be dead after a failover), then runs the operation again.</summary>
public sealed class DatabaseReconnectStrategy : RepairThenRetryStrategy
{
    public override string Id => StrategyIds.DatabaseReconnect;

    protected override async Task<int?> RepairAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        await context.Actions.ResetDatabaseConnectionsAsync(context.Component, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
