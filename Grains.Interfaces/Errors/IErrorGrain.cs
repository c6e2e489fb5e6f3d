namespace RecoveryCluster.Errors;

/// <summary>
/// One error, keyed by its fingerprint (<see cref="ErrorFingerprint"/>): aggregates repeats, tracks the recovery level
/// and plans each attempt. One call per step of the recovery loop.
/// </summary>
[Alias("rc.IErrorGrain")]
public interface IErrorGrain : IGrainWithStringKey
{
    /// <summary>Records an occurrence and returns the plan to run (a new episode, or the pending plan when one is in progress).</summary>
    [Alias("Report")]
    Task<ReportResult> ReportAsync(ErrorOccurrence occurrence);

    /// <summary>Records the outcome of the plan numbered <paramref name="attempt"/> and returns the next plan, if any.</summary>
    [Alias("RecordOutcome")]
    Task<OutcomeResult> RecordOutcomeAsync(int attempt, RecoveryOutcome outcome);

    [Alias("GetReport"), ReadOnly]
    Task<ErrorReport?> GetReportAsync();

    /// <summary>Marks the error resolved by hand (an operator fixed it); clears an escalation.</summary>
    [Alias("Resolve")]
    Task<ErrorReport> ResolveAsync();
}
