using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.Worker;

/// <summary>What each repair fixes in the simulation, so the cluster has something real to learn: the right repair clears a repair-only (or counted) fault; nothing clears an outage early.</summary>
public sealed class SimulatedRecoveryActions(SimulatedFleet fleet) : NoRecoveryActions
{
    public override Task ReconnectAsync(string component, CancellationToken cancellationToken)
    {
        fleet.Get(component)?.Repair(FailureKind.ConnectionFailure, FailureKind.ApiError);
        return Task.CompletedTask;
    }

    public override Task ResetDatabaseConnectionsAsync(string component, CancellationToken cancellationToken)
    {
        fleet.Get(component)?.Repair(FailureKind.ConnectionFailure);
        return Task.CompletedTask;
    }

    public override Task<int> MigrateTasksAsync(string component, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        var repaired = fleet.Get(component)?.Repair(FailureKind.Crash, FailureKind.GpuError) ?? false;
        return Task.FromResult(repaired ? taskIds.Count : 0);
    }

    public override Task RecoverCoordinatorAsync(string component, CancellationToken cancellationToken)
    {
        fleet.Get(component)?.Repair(FailureKind.ApiError);
        return Task.CompletedTask;
    }

    public override Task ReduceLoadAsync(string component, CancellationToken cancellationToken)
    {
        fleet.Get(component)?.Repair(FailureKind.ResourceExhaustion, FailureKind.Timeout);
        return Task.CompletedTask;
    }
}
