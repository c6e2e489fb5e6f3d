namespace RecoveryCluster.Errors;

/// <summary>
/// One error, keyed by its fingerprint (ErrorFingerprint.Compute in the Shared library): aggregates repeats, tracks the recovery level
/// and plans each attempt. One call per step of the recovery loop.
/// </summary>
[Alias("rc.IErrorGrain")]
public interface IErrorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records an occurrence and returns the plan to run: a new episode, the pending plan when one is in progress, or,
    /// while the error is held as escalated, a level-1 attempt outside the episode (<see cref="ReportResult.Held"/>).
    /// </summary>
    [Alias("Report")]
    Task<ReportResult> ReportAsync(ErrorOccurrence occurrence);

    /// <summary>
    /// Records the outcome of the plan numbered <paramref name="attempt"/> and returns the next plan, if any;
    /// <see cref="OutcomeResult.EscalatedNow"/> marks the one outcome that escalated the error to a person.
    /// </summary>
    [Alias("RecordOutcome")]
    Task<OutcomeResult> RecordOutcomeAsync(int attempt, RecoveryOutcome outcome);

    /// <summary>
    /// Takes failures a worker recovered locally while the cluster was out of reach: each counts as an occurrence at its
    /// original time and its outcomes go to history and statistics, but nothing starts an episode, moves the level or
    /// touches the breaker (they are over). Records already taken (same worker, epoch and sequence or lower) are skipped,
    /// so a batch sent again after a lost answer counts once. Returns how many records were new.
    /// </summary>
    [Alias("RecordOffline")]
    Task<int> RecordOfflineAsync(OfflineBatch batch);

    [Alias("GetReport"), ReadOnly]
    Task<ErrorReport?> GetReportAsync();

    /// <summary>Marks the error resolved by hand (an operator fixed it); ends an escalation's hold, so the next report starts a new episode.</summary>
    [Alias("Resolve")]
    Task<ErrorReport> ResolveAsync();

    /// <summary>
    /// Retention: removes the error (its state, its journal row, its line in the list) when it is resolved or failed and
    /// was last seen before <paramref name="seenBefore"/>; true when it did. A report after this starts a new error.
    /// </summary>
    [Alias("Forget")]
    Task<bool> ForgetAsync(DateTimeOffset seenBefore);
}
