using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Remediation;

/// <summary>System-wide recovery: shed load first, then run the operation again.</summary>
public sealed class SystemRecoveryStrategy : RepairThenRetryStrategy
{
    public override string Id => StrategyIds.SystemRecovery;

    protected override async Task<int?> RepairAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        await context.Actions.ReduceLoadAsync(context.Component, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
