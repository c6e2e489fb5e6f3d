using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>The persisted state of one error (one fingerprint).</summary>
[GenerateSerializer, Alias("rc.error-state")]
public sealed class ErrorState
{
    [Id(0)] public bool Reported { get; set; }
    [Id(1)] public ErrorType Type { get; set; }
    [Id(2)] public ErrorSeverity Severity { get; set; }
    [Id(3)] public string Message { get; set; } = string.Empty;
    [Id(4)] public string? ExceptionType { get; set; }
    [Id(5)] public ErrorContext? Context { get; set; }
    [Id(6)] public DateTimeOffset FirstSeen { get; set; }
    [Id(7)] public DateTimeOffset LastSeen { get; set; }
    [Id(8)] public long AggregatedCount { get; set; }
    [Id(9)] public List<string> RelatedErrors { get; set; } = [];

    /// <summary>Outcomes recorded, all episodes, late ones included.</summary>
    [Id(10)] public int RetryCount { get; set; }
    [Id(11)] public ErrorStatus Status { get; set; }
    [Id(12)] public int Episode { get; set; }

    /// <summary>Plans issued so far, all episodes; the attempt number of the next plan is this plus one.</summary>
    [Id(13)] public int PlansIssued { get; set; }
    [Id(14)] public RecoveryPlan? PendingPlan { get; set; }
    [Id(15)] public List<LevelHistoryEntry> LevelHistory { get; set; } = [];
    [Id(16)] public int Regressions { get; set; }
    [Id(17)] public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>This error once failed at level 2; a half-open start then goes straight to level 3.</summary>
    [Id(18)] public bool FailedAtEnhanced { get; set; }

    /// <summary>Recent plans by attempt number, to validate outcomes that arrive late.</summary>
    [Id(19)] public List<IssuedPlan> IssuedPlans { get; set; } = [];

    [Id(20)] public CircuitState LastCircuitState { get; set; }
    [Id(21)] public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>Changes recorded so far (durable mode's journal version; the newer of journal and snapshot wins).</summary>
    [Id(22)] public long JournalVersion { get; set; }

    /// <summary>Ids of the most recent outcomes that named one, oldest first: a repeat is answered, not recorded again.</summary>
    [Id(23)] public List<Guid> RecentOutcomeIds { get; set; } = [];

    /// <summary>Changes persisted so far, in both modes; the error index keeps the summary with the highest.</summary>
    [Id(24)] public long Revision { get; set; }

    /// <summary>Successful held level-1 attempts in a row since the escalation; a failed one sets it back to 0.</summary>
    [Id(25)] public int HeldSuccesses { get; set; }

    /// <summary>The id of the outcome that escalated the current episode, so a repeat of it is answered as the escalation again.</summary>
    [Id(26)] public Guid? EscalatingOutcomeId { get; set; }

    /// <summary>Per worker, the last offline record taken (<see cref="IErrorGrain.RecordOfflineAsync"/>), least recent first.</summary>
    [Id(27)] public List<ReplayMark> ReplayMarks { get; set; } = [];

    /// <summary>The error's line in the error list.</summary>
    public ErrorSummary ToSummary(string errorId) => new(
        errorId, Type, Severity, Context?.Component ?? string.Empty, Context?.Operation ?? string.Empty, Message, Status,
        PendingPlan?.Level, AggregatedCount, FirstSeen, LastSeen, Regressions, Revision);
}
