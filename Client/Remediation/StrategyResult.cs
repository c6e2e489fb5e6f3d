namespace RecoveryCluster.Client.Remediation;

/// <summary>How a recovery ended: the operation's value when it works again, or the error that remains.</summary>
public sealed record StrategyResult(bool Success, object? Value, Exception? Error, int AffectedTasks = 0, int RecoveredTasks = 0, string? Detail = null)
{
    public static StrategyResult Recovered(object? value, int affectedTasks = 0, int recoveredTasks = 0, string? detail = null) =>
        new(true, value, null, affectedTasks, recoveredTasks, detail);

    public static StrategyResult Failed(Exception error, int affectedTasks = 0, int recoveredTasks = 0, string? detail = null) =>
        new(false, null, error, affectedTasks, recoveredTasks, detail);
}
