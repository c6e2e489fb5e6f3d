namespace RecoveryCluster.Events;

/// <summary>What changed. Names are kebab-case on the wire (<c>error-reported</c>, <c>plan-issued</c>, ...).</summary>
[GenerateSerializer, Alias("rc.recovery-event-kind")]
public enum RecoveryEventKind
{
    /// <summary>An occurrence was reported (a new error or a repeat).</summary>
    ErrorReported = 0,
    /// <summary>A plan was issued: the first of an episode, the next after a failed attempt, or a level-1 attempt while the error is held as escalated.</summary>
    PlanIssued = 1,
    /// <summary>An attempt's outcome was recorded.</summary>
    AttemptRecorded = 2,
    /// <summary>The error was resolved: by a recovery, by hand, or, while held as escalated, because its component proved healthy.</summary>
    Resolved = 3,
    /// <summary>A resolved error came back within the regression window.</summary>
    Regression = 4,
    /// <summary>Level 5 failed; the error is escalated to a person (once per episode).</summary>
    Escalated = 5,
    /// <summary>A component's circuit breaker changed state.</summary>
    CircuitChanged = 6,
    /// <summary>A recovery metric left its usual range.</summary>
    Anomaly = 7,
    /// <summary>An operator isolated or reset a circuit, resolved an error or reset recovery statistics (the audit trail's entry).</summary>
    OperatorAction = 8,
}
