using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Recovers the coordinator the component depends on, then runs the operation again.</summary>
public sealed class CoordinatorRecoveryStrategy : RepairThenRetryStrategy
{
    public override string Id => StrategyIds.CoordinatorRecovery;

    protected override async Task<int?> RepairAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        await context.Actions.RecoverCoordinatorAsync(context.Component, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
