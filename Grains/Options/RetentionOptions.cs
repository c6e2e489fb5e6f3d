using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Grains.Options;

/// <summary>What leaves the cluster with age. Section <c>RecoveryCluster:Retention</c>.</summary>
/// <remarks>Reloaded at run time: each pass reads the values in force; a new <see cref="Interval"/> applies after the next pass.</remarks>
public sealed class RetentionOptions
{
    public const string Section = "RecoveryCluster:Retention";

    /// <summary>
    /// Resolved and failed errors last seen longer ago than this leave: their state, their journal row and their line
    /// in the list. Open, retrying and escalated errors stay whatever their age. A report after that starts a new error.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ErrorAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// History rows (recovery attempts) older than this are deleted in durable mode; null keeps them all. The hourly
    /// aggregates the metrics and trends read are kept, so figures over long periods survive the rows. Dev mode's
    /// history is bounded in memory anyway (the newest 20,000 records per error type).
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "36500.00:00:00")]
    public TimeSpan? HistoryAge { get; set; }

    /// <summary>How often a pass runs (a reminder, so at least a minute).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Errors, or history rows, removed per batch: small, so the deletes never hold the tables for long.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches per pass at most; what is left waits for the next pass.</summary>
    [Range(1, 10_000)]
    public int MaxBatchesPerPass { get; set; } = 20;
}
