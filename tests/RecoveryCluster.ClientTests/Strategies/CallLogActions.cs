using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>Recovery actions that write each call, with its arguments, to a shared <see cref="CallLog"/>.</summary>
public sealed class CallLogActions(CallLog log) : NoRecoveryActions
{
    /// <summary>What <see cref="MigrateTasksAsync"/> reports as recovered.</summary>
    public int Migrated { get; init; }

    /// <summary>What <see cref="CorrectAsync"/> answers.</summary>
    public bool Corrects { get; init; }

    public List<EscalationNotice> Notices { get; } = [];

    public override Task ReconnectAsync(string component, CancellationToken cancellationToken) => log.Add($"reconnect {component}");

    public override Task ResetDatabaseConnectionsAsync(string component, CancellationToken cancellationToken) => log.Add($"reset-db {component}");

    public override async Task<int> MigrateTasksAsync(string component, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        await log.Add($"migrate {component} [{string.Join(",", taskIds)}]");
        return Migrated;
    }

    public override Task RecoverCoordinatorAsync(string component, CancellationToken cancellationToken) => log.Add($"coordinator {component}");

    public override Task ReduceLoadAsync(string component, CancellationToken cancellationToken) => log.Add($"reduce-load {component}");

    public override async Task<bool> CorrectAsync(string patternId, RecoveryContext context, CancellationToken cancellationToken)
    {
        await log.Add($"correct {patternId}");
        return Corrects;
    }

    public override Task EscalateAsync(EscalationNotice notice, CancellationToken cancellationToken)
    {
        lock (Notices)
        {
            Notices.Add(notice);
        }

        return log.Add($"escalate {notice.ErrorId}");
    }
}
