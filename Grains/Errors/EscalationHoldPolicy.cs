using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// The hold on an escalated error: recurrences are counted and get a level-1 attempt instead of a new episode, until a
/// person resolves it, the hold runs out, the component's breaker closes after the escalation, or enough held attempts
/// succeed in a row.
/// </summary>
public static class EscalationHoldPolicy
{
    /// <summary>The hold ran out: <paramref name="hold"/> has passed since the escalation (or its time is unknown).</summary>
    public static bool Expired(DateTimeOffset? escalatedAt, DateTimeOffset now, TimeSpan hold) =>
        escalatedAt is not { } at || now - at >= hold;

    /// <summary>The component's breaker is closed and its last transition came after the escalation: it recovered since.</summary>
    public static bool BreakerClosedSince(CircuitState circuit, DateTimeOffset? lastTransitionAt, DateTimeOffset? escalatedAt) =>
        circuit == CircuitState.Closed && lastTransitionAt is { } changed && escalatedAt is { } at && changed > at;

    /// <summary>Successful held attempts in a row after one more: a failure starts the run again from 0.</summary>
    public static int SuccessesInRow(int before, bool success) => success ? before + 1 : 0;

    /// <summary>The run of successful held attempts is long enough to say the component is healthy again.</summary>
    public static bool ProvedHealthy(int successesInRow, int successesToEndHold) => successesInRow >= successesToEndHold;
}
