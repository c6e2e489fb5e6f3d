using RecoveryCluster.Client.Strategies;

namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>Records which recovery actions ran, in order.</summary>
public sealed class RecordingActions(int migrated = 0, bool corrects = false) : NoRecoveryActions
{
    public List<string> Calls { get; } = [];

    public EscalationNotice? Escalated { get; private set; }

    public override Task ReconnectAsync(string component, CancellationToken cancellationToken) => Record($"reconnect {component}");

    public override Task ResetDatabaseConnectionsAsync(string component, CancellationToken cancellationToken) => Record($"reset-db {component}");

    public override async Task<int> MigrateTasksAsync(string component, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        await Record($"migrate {component} {taskIds.Count}");
        return migrated;
    }

    public override Task RecoverCoordinatorAsync(string component, CancellationToken cancellationToken) => Record($"coordinator {component}");

    public override Task ReduceLoadAsync(string component, CancellationToken cancellationToken) => Record($"reduce-load {component}");

    public override async Task<bool> CorrectAsync(string patternId, RecoveryContext context, CancellationToken cancellationToken)
    {
        await Record($"correct {patternId}");
        return corrects;
    }

    public override Task EscalateAsync(EscalationNotice notice, CancellationToken cancellationToken)
    {
        Escalated = notice;
        return Record("escalate");
    }

    private Task Record(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }

        return Task.CompletedTask;
    }
}
