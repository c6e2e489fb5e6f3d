namespace RecoveryCluster.Client.Remediation;

/// <summary>The default actions: nothing to do beyond running the operation again; no pattern fixes; no one to call.</summary>
public class NoRecoveryActions : IRecoveryActions
{
    public virtual Task ReconnectAsync(string component, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task ResetDatabaseConnectionsAsync(string component, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task<int> MigrateTasksAsync(string component, IReadOnlyList<string> taskIds, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    public virtual Task RecoverCoordinatorAsync(string component, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task ReduceLoadAsync(string component, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task<bool> CorrectAsync(string patternId, RecoveryContext context, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    public virtual Task EscalateAsync(EscalationNotice notice, CancellationToken cancellationToken) => Task.CompletedTask;
}
