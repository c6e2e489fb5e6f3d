using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Migrates the operation's tasks to healthy workers, then runs the operation again.</summary>
public sealed class WorkerRecoveryStrategy : RepairThenRetryStrategy
{
    public override string Id => StrategyIds.WorkerRecovery;

    protected override async Task<int?> RepairAsync(RecoveryContext context, CancellationToken cancellationToken) =>
        await context.Actions.MigrateTasksAsync(context.Component, context.TaskIds, cancellationToken).ConfigureAwait(false);
}
