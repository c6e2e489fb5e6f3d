namespace RecoveryCluster.Client.Remediation;

/// <summary>
/// The worker-specific steps the built-in strategies call before running the operation again. Register your own
/// implementation (<c>services.AddSingleton&lt;IRecoveryActions, MyActions&gt;()</c>); the defaults do nothing.
/// </summary>
public interface IRecoveryActions
{
    Task ReconnectAsync(string component, CancellationToken cancellationToken);

    Task ResetDatabaseConnectionsAsync(string component, CancellationToken cancellationToken);

    /// <summary>Moves the tasks to healthy workers; returns how many were recovered.</summary>
    Task<int> MigrateTasksAsync(string component, IReadOnlyList<string> taskIds, CancellationToken cancellationToken);

    Task RecoverCoordinatorAsync(string component, CancellationToken cancellationToken);

    /// <summary>Sheds load (the first step of a system recovery).</summary>
    Task ReduceLoadAsync(string component, CancellationToken cancellationToken);

    /// <summary>Applies the fix for a matched error pattern; false when there is none.</summary>
    Task<bool> CorrectAsync(string patternId, RecoveryContext context, CancellationToken cancellationToken);

    /// <summary>Tells a person: the error failed every level.</summary>
    Task EscalateAsync(EscalationNotice notice, CancellationToken cancellationToken);
}
