using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.CircuitBreaker;
using RecoveryCluster.Grains.Events;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.History;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// One error (all repeats of one fingerprint): aggregates occurrences, runs the progressive levels and plans each
/// attempt with the best-scoring strategy for its level.
/// </summary>
public sealed partial class ErrorGrain(
    [PersistentState("error", StorageNames.Recovery)] IPersistentState<ErrorState> state,
    StrategyCatalog catalog,
    IRecoveryHistoryStore history,
    IErrorStateJournal journal,
    SiloCircuitView circuits,
    SiloStrategyScores scores,
    IErrorList errorList,
    IOptionsMonitor<RecoveryOptions> options,
    RecoveryClock clock,
    RecoveryInstruments instruments,
    RecoveryEventPublisher events,
    ILogger<ErrorGrain> logger) : Grain, IErrorGrain
{
    private const int IssuedPlansKept = 64;
    private const int OutcomeIdsKept = 256;
    private const int ReplayMarksKept = 256;
    private static readonly TimeSpan SnapshotEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MemoryWriteDelay = TimeSpan.FromSeconds(5);
    private readonly DeferredStateWrite<ErrorState> _snapshots = new(state);

    private string ErrorId => this.GetPrimaryKeyString();

    /// <summary>The recovery options in force, read per use so a configuration change applies to the next report.</summary>
    private RecoveryOptions Rules => options.CurrentValue;

    /// <summary>This error's state (the persistent state's value).</summary>
    private ErrorState Error => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Guard.Key(ErrorId, "errorId");
        if (!journal.IsDurable)
        {
            // In memory nothing outlives the cluster anyway: the state is written behind, not per change.
            _snapshots.Start(this, MemoryWriteDelay);
            return;
        }

        // The snapshot may be behind the journal (it is written lazily); the journal is never behind an answer.
        _snapshots.Start(this, SnapshotEvery);
        if (await journal.ReadAsync(ErrorId, cancellationToken) is { } latest && latest.JournalVersion > Error.JournalVersion)
        {
            state.State = latest;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _snapshots.FlushOnDeactivationAsync(reason, cancellationToken);

    /// <summary>
    /// Records an occurrence. It opens a new episode when none is running, joins the running one (its pending plan), or,
    /// while the error is held as escalated (<see cref="RecoveryOptions.EscalationHold"/>), is counted and gets one
    /// level-1 attempt outside the episode (<see cref="ReportResult.Held"/>): its outcome is recorded and can prove the
    /// component healthy, but the episode stays escalated and nothing escalates again. A breaker that closed after the
    /// escalation ends the hold, and this report starts a new episode.
    /// </summary>
    public async Task<ReportResult> ReportAsync(ErrorOccurrence occurrence)
    {
        OccurrenceValidator.Validate(occurrence, ErrorId, catalog);
        using var activity = RecoveryInstruments.Activities.StartActivity("ErrorGrain.Report");
        activity?.SetTag("rc.error.id", ErrorId);
        var started = clock.TimeProvider.GetTimestamp();
        var plansBefore = Error.PlansIssued;
        var result = await RollBackOnFailureAsync(() => ApplyReportAsync(occurrence));
        events.Publish(ErrorEvents.Reported(occurrence, result, Error.PlansIssued != plansBefore, clock.TimeProvider.GetElapsedTime(started), clock.UtcNow));
        instruments.Reports.Add(1, new KeyValuePair<string, object?>("error.type", occurrence.Type.ToName()));
        instruments.DecisionLatency.Record(clock.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<ReportResult> ApplyReportAsync(ErrorOccurrence occurrence)
    {
        var context = occurrence.Context;

        // The breaker state this silo last heard (see SiloCircuitView for the bound); the failure reaches the breaker
        // in the silo's next batch, and the breaker alone decides what it does to the circuit.
        var circuit = await circuits.GetAsync(context.Component);
        circuits.Failure(context.Component, new FailureSignal(
            context.WorkerId, occurrence.Type, occurrence.Severity, occurrence.Message, occurrence.IsCrash, context.IsCriticalOperation));

        var now = clock.UtcNow;
        var occurrenceId = Guid.NewGuid().ToString("N");
        Aggregate(occurrence, occurrenceId, now);
        Error.LastCircuitState = circuit.State;

        var isRegression = false;
        var held = Error.Status == ErrorStatus.Escalated;
        if (held && EscalationHoldPolicy.BreakerClosedSince(circuit.State, circuit.LastTransitionAt, Error.EscalatedAt))
        {
            held = false;
            LogHoldEndedByBreaker(ErrorId, context.Component);
        }
        else if (held && EscalationHoldPolicy.Expired(Error.EscalatedAt, now, Rules.EscalationHold))
        {
            held = false;
        }

        if (held)
        {
            // A person has it: count the recurrence and give this operation one level-1 try, outside the episode.
            var attempt = await PlanAsync(RecoveryLevel.Basic, circuit.State, held: true, occurrence);
            await PersistAsync();
            PublishSummary();
            return new ReportResult(ErrorId, occurrenceId, Error.AggregatedCount, Error.Status, attempt, IsRegression: false, Held: true);
        }

        if (Error.Status is ErrorStatus.Resolved or ErrorStatus.Failed or ErrorStatus.Escalated || Error.Episode == 0)
        {
            isRegression = Error.Status == ErrorStatus.Resolved && Error.ResolvedAt is { } resolvedAt && now - resolvedAt <= Rules.RegressionWindow;
            if (isRegression)
            {
                Error.Regressions++;
            }

            Error.Episode++;
            Error.Status = ErrorStatus.Open;
            Error.ResolvedAt = null;
            Error.HeldSuccesses = 0;
            var level = RecoveryLevelPolicy.StartLevel(circuit.State, Error.FailedAtEnhanced);
            Error.PendingPlan = await PlanAsync(level, circuit.State, held: false, occurrence);
        }

        await PersistAsync();
        PublishSummary();
        return new ReportResult(ErrorId, occurrenceId, Error.AggregatedCount, Error.Status, Error.PendingPlan, isRegression);
    }

    public async Task<OutcomeResult> RecordOutcomeAsync(int attempt, RecoveryOutcome outcome)
    {
        if (!Error.Reported)
        {
            throw new ErrorNotReportedException($"Error '{ErrorId}' was never reported; report it before recording outcomes.");
        }

        var issued = OutcomeValidator.Validate(attempt, outcome, Error.IssuedPlans, catalog);
        if (outcome.OutcomeId is { } outcomeId && Error.RecentOutcomeIds.Contains(outcomeId))
        {
            // A repeat of a recorded outcome (its first answer was lost): the same kind of answer, nothing counted twice.
            var impactOfRepeat = ImpactScore.Compute(outcome.Before, outcome.After, outcome.ExecutionTime, outcome.AffectedTasks, outcome.RecoveredTasks);
            var escalatedByIt = Error.Status == ErrorStatus.Escalated && Error.EscalatingOutcomeId == outcomeId;
            return new OutcomeResult(Error.Status, Error.PendingPlan?.Level, Error.PendingPlan, impactOfRepeat, escalatedByIt);
        }

        using var activity = RecoveryInstruments.Activities.StartActivity("ErrorGrain.RecordOutcome");
        activity?.SetTag("rc.error.id", ErrorId);
        activity?.SetTag("rc.strategy", outcome.StrategyId);
        var started = clock.TimeProvider.GetTimestamp();
        var wasPending = Error.PendingPlan?.Attempt == attempt;
        var wasHeld = Error.Status == ErrorStatus.Escalated;
        var result = await RollBackOnFailureAsync(() => ApplyOutcomeAsync(attempt, outcome, issued));
        var recorded = ErrorEvents.Recorded(ErrorId, Error, attempt, issued.Level, outcome, wasPending, result, clock.TimeProvider.GetElapsedTime(started), clock.UtcNow);
        var provedHealthy = wasHeld && issued.Held && result.Status == ErrorStatus.Resolved;
        events.Publish(provedHealthy ? [.. recorded, ErrorEvents.ProvedHealthy(ErrorId, Error, attempt, outcome.StrategyId, Rules.SuccessesToEndHold, clock.UtcNow)] : recorded);
        var tags = new TagList { { "error.type", Error.Type.ToName() }, { "strategy", outcome.StrategyId }, { "level", (int)issued.Level } };
        instruments.CountAttempt(outcome.Success, tags);

        if (result.Status == ErrorStatus.Resolved && outcome.Success)
        {
            instruments.Resolved.Add(1, tags);
        }

        if (result.EscalatedNow)
        {
            // Counted here, after the escalation is durable, so a retried call after a failed write cannot count it twice.
            instruments.Escalations.Add(1, new KeyValuePair<string, object?>("error.type", Error.Type.ToName()));
            LogEscalated(ErrorId, Error.Context!.Component, Error.Message);
        }

        if (provedHealthy)
        {
            LogHoldEndedByHealth(ErrorId, Error.Context!.Component, Rules.SuccessesToEndHold);
        }

        instruments.DecisionLatency.Record(clock.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<OutcomeResult> ApplyOutcomeAsync(int attempt, RecoveryOutcome outcome, IssuedPlan issued)
    {
        var now = clock.UtcNow;
        var impact = ImpactScore.Compute(outcome.Before, outcome.After, outcome.ExecutionTime, outcome.AffectedTasks, outcome.RecoveredTasks);
        var resolves = outcome.Success && Error.PendingPlan?.Attempt == attempt;
        var recordId = outcome.OutcomeId ?? Guid.CreateVersion7(now);
        if (outcome.OutcomeId is { } outcomeId)
        {
            Error.RecentOutcomeIds.Add(outcomeId);
            Trim(Error.RecentOutcomeIds, OutcomeIdsKept);
        }

        // The history row is the durable record of the outcome: it commits before anything else moves, and its id lets
        // the statistics grain count it once however often it is delivered.
        await history.AppendAsync(new RecoveryRecord(
            ErrorId, Error.Type, outcome.StrategyId, issued.Level, attempt, outcome.Success, outcome.ExecutionTime,
            outcome.AffectedTasks, outcome.RecoveredTasks, outcome.Before, outcome.After, impact, outcome.StabilityScore,
            outcome.HardwareId, Error.Context?.WorkerId, Error.Context?.Component ?? string.Empty, now, resolves, recordId, outcome.TimedOut));
        scores.Record(StrategyStatsKey.For(Error.Type, outcome.StrategyId), new StrategyExecution(
            outcome.Success, outcome.ExecutionTime, outcome.AffectedTasks, outcome.RecoveredTasks, impact,
            outcome.StabilityScore, outcome.HardwareId, outcome.TimedOut, issued.Level, now, recordId, issued.Timeout));

        Error.RetryCount++;
        Error.LevelHistory.Add(new LevelHistoryEntry(issued.Episode, attempt, issued.Level, outcome.StrategyId, outcome.Success, outcome.ExecutionTime, impact, now));
        Trim(Error.LevelHistory, Rules.LevelHistoryKept);

        // Only the outcome of the pending plan moves the error; a late outcome of an older plan is recorded and nothing more,
        // except that a held attempt of the current hold counts toward proving the component healthy.
        var escalatedNow = false;
        if (Error.PendingPlan?.Attempt == attempt)
        {
            if (outcome.Success)
            {
                await ResolveEpisodeAsync(now);
            }
            else
            {
                escalatedNow = await EscalateAsync(issued.Level, outcome.OutcomeId, now);
            }
        }
        else if (issued.Held && issued.Episode == Error.Episode && Error.Status == ErrorStatus.Escalated)
        {
            Error.HeldSuccesses = EscalationHoldPolicy.SuccessesInRow(Error.HeldSuccesses, outcome.Success);
            if (EscalationHoldPolicy.ProvedHealthy(Error.HeldSuccesses, Rules.SuccessesToEndHold))
            {
                await ResolveEpisodeAsync(now);
            }
        }

        await PersistAsync();
        PublishSummary();
        return new OutcomeResult(Error.Status, Error.PendingPlan?.Level, Error.PendingPlan, impact, escalatedNow);
    }

    public async Task<int> RecordOfflineAsync(OfflineBatch batch)
    {
        var now = clock.UtcNow;
        OfflineBatchValidator.Validate(batch, ErrorId, catalog, now);
        var mark = Error.ReplayMarks.Find(m => string.Equals(m.WorkerId, batch.WorkerId, StringComparison.Ordinal));
        var taken = mark is not null && mark.Epoch == batch.Epoch ? mark.Sequence : 0;
        var fresh = batch.Recoveries.Where(r => r.Sequence > taken).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        return await RollBackOnFailureAsync(async () =>
        {
            foreach (var recovery in fresh)
            {
                await RecordOfflineAsync(recovery);
            }

            if (mark is not null)
            {
                Error.ReplayMarks.Remove(mark);
            }

            Error.ReplayMarks.Add(new ReplayMark { WorkerId = batch.WorkerId, Epoch = batch.Epoch, Sequence = fresh[^1].Sequence });
            Trim(Error.ReplayMarks, ReplayMarksKept);
            await PersistAsync();
            PublishSummary();
            LogOfflineTaken(ErrorId, fresh.Count, batch.WorkerId);
            return fresh.Count;
        });
    }

    /// <summary>
    /// One offline record: counted as an occurrence at its own time, its attempts written to history and statistics
    /// (history first, as for any outcome: its id makes a repeat harmless). Status, episode and level stay as they are,
    /// except that an error first heard of this way takes the record's end as its status.
    /// </summary>
    private async Task RecordOfflineAsync(OfflineRecovery recovery)
    {
        var occurrence = recovery.Occurrence;
        var recovered = recovery.Outcomes[^1].Success;
        if (!Error.Reported)
        {
            Error.Reported = true;
            Error.Type = occurrence.Type;
            Error.Severity = occurrence.Severity;
            Error.Message = occurrence.Message;
            Error.ExceptionType = occurrence.ExceptionType;
            Error.Context = occurrence.Context;
            Error.FirstSeen = occurrence.Timestamp;
            Error.LastSeen = occurrence.Timestamp;
            Error.Status = recovered ? ErrorStatus.Resolved : ErrorStatus.Failed;
            Error.ResolvedAt = recovered ? occurrence.Timestamp : null;
        }

        Error.FirstSeen = occurrence.Timestamp < Error.FirstSeen ? occurrence.Timestamp : Error.FirstSeen;
        Error.LastSeen = occurrence.Timestamp > Error.LastSeen ? occurrence.Timestamp : Error.LastSeen;
        Error.AggregatedCount++;
        var at = occurrence.Timestamp;
        foreach (var outcome in recovery.Outcomes)
        {
            var impact = ImpactScore.Compute(outcome.Before, outcome.After, outcome.ExecutionTime, outcome.AffectedTasks, outcome.RecoveredTasks);
            var recordId = outcome.OutcomeId!.Value;
            await history.AppendAsync(new RecoveryRecord(
                ErrorId, Error.Type, outcome.StrategyId, RecoveryLevel.Basic, Attempt: 0, outcome.Success, outcome.ExecutionTime,
                outcome.AffectedTasks, outcome.RecoveredTasks, outcome.Before, outcome.After, impact, outcome.StabilityScore,
                outcome.HardwareId, occurrence.Context.WorkerId, occurrence.Context.Component, at, outcome.Success, recordId, outcome.TimedOut));
            scores.Record(StrategyStatsKey.For(Error.Type, outcome.StrategyId), new StrategyExecution(
                outcome.Success, outcome.ExecutionTime, outcome.AffectedTasks, outcome.RecoveredTasks, impact,
                outcome.StabilityScore, outcome.HardwareId, outcome.TimedOut, RecoveryLevel.Basic, at, recordId));
            Error.RetryCount++;
            at += outcome.ExecutionTime;
        }
    }

    public Task<ErrorReport?> GetReportAsync() => Task.FromResult(Error.Reported ? ToReport() : null);

    /// <summary>Resolves the error by hand, from any status; an escalated error's hold ends and its next report starts a new episode.</summary>
    public async Task<ErrorReport> ResolveAsync()
    {
        if (!Error.Reported)
        {
            throw new InvalidOperationException($"Error '{ErrorId}' was never reported, so there is nothing to resolve.");
        }

        return await RollBackOnFailureAsync(async () =>
        {
            Error.Status = ErrorStatus.Resolved;
            Error.ResolvedAt = clock.UtcNow;
            Error.PendingPlan = null;
            Error.HeldSuccesses = 0;
            await PersistAsync();
            PublishSummary();
            events.Publish(ErrorEvents.ResolvedByHand(ErrorId, Error, Error.ResolvedAt.Value));
            return ToReport();
        });
    }

    public async Task<bool> ForgetAsync(DateTimeOffset seenBefore)
    {
        if (!Error.Reported || Error.Status is not (ErrorStatus.Resolved or ErrorStatus.Failed) || Error.LastSeen >= seenBefore)
        {
            return false;
        }

        if (journal.IsDurable)
        {
            await journal.DeleteAsync(ErrorId, Error.JournalVersion);
        }

        _snapshots.Discard();
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return true;
    }

    /// <summary>
    /// Durable mode: makes the change durable (the journal) before the grain answers. In memory, grain storage is
    /// written behind, within five seconds and on deactivation.
    /// </summary>
    private async Task PersistAsync()
    {
        Error.Revision++;
        if (!journal.IsDurable)
        {
            _snapshots.MarkDirty();
            return;
        }

        Error.JournalVersion++;
        await journal.AppendAsync(ErrorId, Error.JournalVersion, Error);
        _snapshots.MarkDirty();
    }

    /// <summary>Keeps the error's line in the error list current (see <see cref="IErrorList"/>).</summary>
    private void PublishSummary() => errorList.Upsert(Error.ToSummary(ErrorId));

    private async Task ResolveEpisodeAsync(DateTimeOffset now)
    {
        Error.Status = ErrorStatus.Resolved;
        Error.ResolvedAt = now;
        Error.PendingPlan = null;
        Error.HeldSuccesses = 0;
        var context = Error.Context!;

        // The operation works again: that breaks the worker's failure chain and counts as a probe success in half-open.
        circuits.ProbeSuccess(context.Component, context.WorkerId);
        Error.LastCircuitState = (await circuits.GetAsync(context.Component)).State;
    }

    /// <summary>
    /// Moves the episode one level up, or past level 5 to a person; true when this call escalated to a person. Only the
    /// pending plan's failed outcome gets here, and the episode then has no pending plan, so it escalates once per episode.
    /// </summary>
    private async Task<bool> EscalateAsync(RecoveryLevel failedLevel, Guid? outcomeId, DateTimeOffset now)
    {
        if (failedLevel == RecoveryLevel.Enhanced)
        {
            Error.FailedAtEnhanced = true;
        }

        if (RecoveryLevelPolicy.AfterFailure(failedLevel) is { } next)
        {
            Error.Status = ErrorStatus.Retrying;
            Error.PendingPlan = await PlanAsync(next, Error.LastCircuitState);
            return false;
        }

        Error.Status = ErrorStatus.Escalated;
        Error.EscalatedAt = now;
        Error.EscalatingOutcomeId = outcomeId;
        Error.HeldSuccesses = 0;
        Error.PendingPlan = null;
        await GrainFactory.GetGrain<IEscalationRegistryGrain>(IEscalationRegistryGrain.DefaultKey).AddAsync(ErrorEvents.EscalationOf(ErrorId, Error, now));
        return true;
    }

    /// <param name="reported">The occurrence that starts the plan: its error pattern's strategy is weighed at level 1.</param>
    private async Task<RecoveryPlan> PlanAsync(RecoveryLevel level, CircuitState circuit, bool held = false, ErrorOccurrence? reported = null)
    {
        var candidates = catalog.Candidates(Error.Type, level, Error.Context?.Features);
        var ranked = new (StrategyDescriptor, StrategyStatsSnapshot)[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            // Almost always the silo's copy, without a call (see SiloStrategyScores for the bound).
            ranked[i] = (candidates[i], await scores.GetAsync(StrategyStatsKey.For(Error.Type, candidates[i].Id)));
        }

        var preference = level == RecoveryLevel.Basic ? await PatternPreferenceAsync(reported) : null;
        var selection = StrategySelector.Select(ranked, Rules.MinSamplesForScore, Rules.ExplorationWeight, Error.Context?.HardwareId, preference);

        var attempt = ++Error.PlansIssued;
        Error.IssuedPlans.Add(new IssuedPlan
        {
            Attempt = attempt,
            Episode = Error.Episode,
            Level = level,
            StrategyId = selection.Chosen.Id,
            Held = held,
            Timeout = selection.ChosenStats.Timeout,
        });
        Trim(Error.IssuedPlans, IssuedPlansKept);
        return new RecoveryPlan(ErrorId, attempt, level, selection.Chosen.Id, selection.ChosenStats.Timeout, circuit, selection.Ranked, selection.Reason);
    }

    /// <summary>The reported pattern's strategy (validated against the catalog on the way in) with its statistics, if the report names one.</summary>
    private async Task<PatternPreference?> PatternPreferenceAsync(ErrorOccurrence? reported)
    {
        if (reported is not { PatternId: { } patternId, PreferredStrategy: { } strategyId } || !catalog.TryGet(strategyId, out var strategy))
        {
            return null;
        }

        var stats = await scores.GetAsync(StrategyStatsKey.For(Error.Type, strategyId));
        return new PatternPreference(patternId, strategy, stats, Error.Type, Error.Context?.Features, Rules.PatternMinSuccessRate);
    }

    private void Aggregate(ErrorOccurrence occurrence, string occurrenceId, DateTimeOffset now)
    {
        if (!Error.Reported)
        {
            Error.Reported = true;
            Error.Type = occurrence.Type;
            Error.FirstSeen = now;
        }

        Error.Severity = occurrence.Severity;
        Error.Message = occurrence.Message;
        Error.ExceptionType = occurrence.ExceptionType;
        Error.Context = occurrence.Context;
        Error.LastSeen = now;
        Error.AggregatedCount++;
        Error.RelatedErrors.Add(occurrenceId);
        Trim(Error.RelatedErrors, Rules.RelatedErrorsKept);
    }

    private ErrorReport ToReport() => new(
        ErrorId, Error.Type, Error.Severity, Error.Message, Error.Context!, Error.AggregatedCount, [.. Error.RelatedErrors], Error.RetryCount,
        Error.PendingPlan?.Level, Error.Status, Error.FirstSeen, Error.LastSeen, [.. Error.LevelHistory], Error.Regressions, Error.Episode,
        Error.PendingPlan, Error.ResolvedAt);

    /// <summary>
    /// A failure halfway through a change (a grain call or a storage write) leaves memory ahead of storage; dropping
    /// the activation makes the next call start again from what was persisted.
    /// </summary>
    private async Task<T> RollBackOnFailureAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private static void Trim<T>(List<T> list, int keep)
    {
        if (list.Count > keep)
        {
            list.RemoveRange(0, list.Count - keep);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Error '{ErrorId}' on '{Component}' failed every recovery level and is escalated to a person: {Message}")]
    private partial void LogEscalated(string errorId, string component, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Error '{ErrorId}': took {Count} failures that worker '{WorkerId}' recovered locally while the cluster was out of reach")]
    private partial void LogOfflineTaken(string errorId, int count, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Error '{ErrorId}' on '{Component}' is no longer held as escalated: the breaker closed after the escalation; a new episode starts")]
    private partial void LogHoldEndedByBreaker(string errorId, string component);

    [LoggerMessage(Level = LogLevel.Information, Message = "Error '{ErrorId}' on '{Component}' is resolved: {Successes} held level-1 attempts in a row succeeded, so the component is healthy again")]
    private partial void LogHoldEndedByHealth(string errorId, string component, int successes);
}
