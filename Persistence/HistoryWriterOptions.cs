using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Persistence;

/// <summary>Group commit of the recovery history. Section <c>RecoveryCluster:History</c>.</summary>
/// <remarks>Read when the writers start (they size the queues and lanes): a change needs a restart.</remarks>
public sealed class HistoryWriterOptions
{
    public const string Section = "RecoveryCluster:History";

    /// <summary>Most records one transaction carries; records that arrive while a batch commits form the next one.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 1000;

    /// <summary>Records waiting at most; appends wait (back-pressure) beyond it rather than grow memory.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>Attempts of one batch on a transient database error before its records fail.</summary>
    [Range(1, 10)]
    public int WriteAttempts { get; set; } = 3;

    /// <summary>
    /// Error-state batches committing at once. Each error writes its next version only after the previous one
    /// committed, so batches never race on one error, and more lanes let more commits share each WAL flush.
    /// </summary>
    [Range(1, 16)]
    public int ErrorStateLanes { get; set; } = 4;

    /// <summary>The same settings for any of the silo's group-commit writers (history rows, error states).</summary>
    internal GroupCommitOptions ToGroupCommit() => new(MaxBatch, QueueCapacity, WriteAttempts);
}
