using System.ComponentModel.DataAnnotations;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Options;

/// <summary>How errors are planned and aggregated. Section <c>RecoveryCluster:Recovery</c>.</summary>
/// <remarks>
/// Reloaded at run time (each report reads the values in force), except <see cref="BatchInterval"/>,
/// <see cref="CachedStateMaxAge"/> and <see cref="IndexCapacity"/>, which size a silo's batchers, caches and error
/// index when it starts and need a restart.
/// </remarks>
public sealed class RecoveryOptions
{
    public const string Section = "RecoveryCluster:Recovery";

    /// <summary>A resolved error that recurs within this window counts as a regression.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RegressionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an escalated error is held (a person has it; it escalated once and does not again). A recurrence while
    /// held is counted and gets one level-1 attempt outside the episode, never a new episode or a second escalation. The
    /// hold ends early when a person resolves the error, when the component's breaker closes after the escalation (that
    /// report starts a new episode), or after <see cref="SuccessesToEndHold"/> held attempts succeed in a row; a report
    /// after the hold starts a new episode.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan EscalationHold { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Successful held level-1 attempts in a row that prove the component healthy again and resolve a held error; a
    /// failed held attempt starts the run again.
    /// </summary>
    [Range(1, 1000)]
    public int SuccessesToEndHold { get; set; } = 3;

    /// <summary>Below this many samples a candidate is explored in catalog order instead of ranked by score.</summary>
    [Range(0, 1000)]
    public int MinSamplesForScore { get; set; } = 3;

    /// <summary>
    /// Weight of the exploration bonus in strategy selection (UCB1): a candidate with few samples is re-tried while its
    /// score plus the bonus beats the best score, so a strategy that got better is noticed. 0 turns it off.
    /// </summary>
    [Range(0.0, 10.0)]
    public double ExplorationWeight { get; set; } = 0.5;

    /// <summary>
    /// A matched error pattern's strategy is planned at level 1 while it keeps working: while its recent window for the
    /// error's type holds fewer than <see cref="MinSamplesForScore"/> runs, or at least this share of them succeeded.
    /// Below it, level 1 takes the learned choice until the window's rate is back at this share.
    /// </summary>
    [Range(0.0, 1.0)]
    public double PatternMinSuccessRate { get; set; } = 0.5;

    /// <summary>Occurrence ids kept in <c>relatedErrors</c>.</summary>
    [Range(1, 1000)]
    public int RelatedErrorsKept { get; set; } = 20;

    /// <summary>Attempts kept in the level history.</summary>
    [Range(1, 10000)]
    public int LevelHistoryKept { get; set; } = 100;

    /// <summary>
    /// How long a silo gathers the work its error grains hand on (breaker signals, executions for the statistics,
    /// index lines, in-memory history) before sending it, one call per destination. The breaker and the scores see a
    /// failure or an outcome this much later, plus one call. Read at start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The oldest breaker state and strategy score a silo plans with. Each silo keeps the newest answer it had from
    /// a breaker or a statistics grain (every batch it sends is answered with the current value) and reads again past
    /// this age, so a plan's start level and ranking lag the truth by at most this, or less while the silo is busy. Read
    /// at start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CachedStateMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Errors the error index lists at most (each of its shards holds its share). Past it, the least recently seen
    /// resolved errors leave the list first (see <c>IndexEviction</c>); they still exist and come back with their next
    /// change. Bounds the index's memory and its writes whatever the number of distinct errors ever seen. Read at start.
    /// </summary>
    [Range(ErrorIndex.ShardCount, 100_000_000)]
    public int IndexCapacity { get; set; } = 100_000;
}
