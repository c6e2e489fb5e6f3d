using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Events;
using RecoveryCluster.Grains.Errors;

namespace RecoveryCluster.Grains.Events;

/// <summary>Turns the result of an error grain call into the events it stands for, in the order they happened.</summary>
public static class ErrorEvents
{
    /// <summary>A report: the occurrence, a regression when it was one, and the plan when the report opened an episode.</summary>
    public static IReadOnlyList<RecoveryEvent> Reported(
        ErrorOccurrence occurrence, ReportResult result, bool planIssued, TimeSpan decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        ArgumentNullException.ThrowIfNull(result);
        var component = occurrence.Context.Component;
        var events = new List<RecoveryEvent>(3)
        {
            new(RecoveryEvent.NewId(), RecoveryEventKind.ErrorReported, now, component, result.ErrorId, occurrence.Type,
                Status: result.Status, Message: occurrence.Message, DecisionMilliseconds: decision.TotalMilliseconds),
        };

        if (result.IsRegression)
        {
            events.Add(new(RecoveryEvent.NewId(), RecoveryEventKind.Regression, now, component, result.ErrorId, occurrence.Type,
                Status: result.Status, Message: occurrence.Message));
        }

        if (planIssued && result.Plan is { } plan)
        {
            events.Add(PlanIssued(component, occurrence.Type, plan, now));
        }

        return events;
    }

    /// <summary>
    /// An outcome: the attempt; then, when it was the pending plan's, the resolution, the escalation or the next plan.
    /// </summary>
    public static IReadOnlyList<RecoveryEvent> Recorded(
        string errorId, ErrorState state, int attempt, RecoveryLevel level, RecoveryOutcome outcome, bool wasPending, OutcomeResult result,
        TimeSpan decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(result);
        var component = state.Context?.Component ?? string.Empty;
        var events = new List<RecoveryEvent>(2)
        {
            new(RecoveryEvent.NewId(), RecoveryEventKind.AttemptRecorded, now, component, errorId, state.Type, attempt, level, outcome.StrategyId,
                outcome.Success, result.Status, outcome.ExecutionTime, DecisionMilliseconds: decision.TotalMilliseconds),
        };

        if (!wasPending)
        {
            return events;
        }

        if (result.Status == ErrorStatus.Resolved)
        {
            events.Add(new(RecoveryEvent.NewId(), RecoveryEventKind.Resolved, now, component, errorId, state.Type, attempt, level, outcome.StrategyId,
                Status: ErrorStatus.Resolved));
        }
        else if (result.EscalatedNow)
        {
            events.Add(new(RecoveryEvent.NewId(), RecoveryEventKind.Escalated, now, component, errorId, state.Type, attempt, level,
                Status: ErrorStatus.Escalated, Message: state.Message, Escalation: EscalationOf(errorId, state, state.EscalatedAt ?? now)));
        }
        else if (result.NextPlan is { } next)
        {
            events.Add(PlanIssued(component, state.Type, next, now));
        }

        return events;
    }

    /// <summary>A resolution by hand.</summary>
    public static RecoveryEvent ResolvedByHand(string errorId, ErrorState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(RecoveryEvent.NewId(), RecoveryEventKind.Resolved, now, state.Context?.Component ?? string.Empty, errorId, state.Type,
            Status: ErrorStatus.Resolved, Message: "resolved by hand");
    }

    /// <summary>A held error resolved because its component proved healthy: enough held level-1 attempts succeeded in a row.</summary>
    public static RecoveryEvent ProvedHealthy(string errorId, ErrorState state, int attempt, string strategyId, int successesInRow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(RecoveryEvent.NewId(), RecoveryEventKind.Resolved, now, state.Context?.Component ?? string.Empty, errorId, state.Type,
            attempt, RecoveryLevel.Basic, strategyId, Status: ErrorStatus.Resolved,
            Message: $"escalation hold ended: the component proved healthy ({successesInRow} level-1 attempts in a row succeeded)");
    }

    /// <summary>A breaker transition.</summary>
    public static RecoveryEvent CircuitChanged(CircuitSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(RecoveryEvent.NewId(), RecoveryEventKind.CircuitChanged, now, snapshot.Component, CircuitState: snapshot.State,
            Message: snapshot.LastFailure);
    }

    /// <summary>The escalation record of the error's current episode: who failed, and which strategies were tried.</summary>
    public static EscalationRecord EscalationOf(string errorId, ErrorState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var context = state.Context!;
        var tried = state.LevelHistory.Where(h => h.Episode == state.Episode).Select(h => h.StrategyId).Distinct().ToArray();
        return new EscalationRecord(errorId, state.Type, context.Component, context.Operation, state.Message, state.RetryCount, tried, now, state.Episode);
    }

    private static RecoveryEvent PlanIssued(string component, ErrorType type, RecoveryPlan plan, DateTimeOffset now) =>
        new(RecoveryEvent.NewId(), RecoveryEventKind.PlanIssued, now, component, plan.ErrorId, type, plan.Attempt, plan.Level, plan.StrategyId,
            Message: plan.Reason);
}
