namespace RecoveryCluster.Retention;

/// <summary>
/// Removes what is old enough to go (<c>RecoveryCluster:Retention</c>): resolved and failed errors, and history rows
/// when their age is set. One activation in the cluster (key <see cref="DefaultKey"/>) runs on a reminder, so exactly
/// one silo deletes, in small batches.
/// </summary>
[Alias("rc.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>Registers the reminder (idempotent; every silo calls it at start).</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>One pass now, as the reminder runs it; returns what it removed.</summary>
    [Alias("RunOnce")]
    Task<RetentionRun> RunOnceAsync();

    [Alias("GetStatus"), ReadOnly]
    Task<RetentionStatus> GetStatusAsync();
}
