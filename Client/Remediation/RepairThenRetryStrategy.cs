namespace RecoveryCluster.Client.Remediation;

/// <summary>The shape most built-ins share: one repair step, then the operation again with a short backoff.</summary>
public abstract class RepairThenRetryStrategy : IRecoveryStrategy
{
    private static readonly BackoffOptions AfterRepair = new(2, TimeSpan.FromMilliseconds(50), 2, TimeSpan.FromMilliseconds(500));

    public abstract string Id { get; }

    public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recoveredTasks = await RepairAsync(context, cancellationToken).ConfigureAwait(false);
        var result = await RetryStrategy.RunWithBackoffAsync(context, AfterRepair, cancellationToken).ConfigureAwait(false);
        return recoveredTasks is { } recovered
            ? result with { RecoveredTasks = Math.Min(recovered, result.AffectedTasks) }
            : result;
    }

    /// <summary>The repair; returns the tasks it recovered when it moves tasks, else null.</summary>
    protected abstract Task<int?> RepairAsync(RecoveryContext context, CancellationToken cancellationToken);
}
