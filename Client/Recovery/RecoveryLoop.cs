using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.Client.Hooks;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Client.Measurement;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Recovery;

/// <summary>
/// The recovery loop of one failed call: report it, run each plan's strategy under the plan's timeout, report the
/// outcome (which returns the next plan), until the error is resolved or escalated. An error held as escalated gets
/// one level-1 attempt and no more; only the outcome that escalated the error raises the escalation. While the cluster
/// is out of reach the worker recovers alone, at level 1, and keeps the record for the cluster.
/// </summary>
internal sealed partial class RecoveryLoop(
    IGrainFactory grains, IOptions<RecoveryClientOptions> options, PerCallOptions perCall, ErrorClassifier classifier, StrategyRegistry strategies,
    IRecoveryActions actions, TimeProvider time, ILogger<RecoveryClient> logger, ResourceSampler resources, StabilityTracker stability, RecoveryHooks hooks,
    ClusterConnectionStatus connection, OfflineRecoveries offline, ClusterCalls clusterCalls, ErrorCorrections corrections)
{
    /// <summary>What a worker does alone, in order: the strategies any per-process pipeline has.</summary>
    private static readonly string[] LocalStrategies = [StrategyIds.Retry, StrategyIds.Fallback];

    private readonly RecoveryHooks _hooks = hooks;
    private readonly IGrainFactory _grains = grains;
    private readonly RecoveryClientOptions _options = options.Value;
    private readonly ErrorClassifier _classifier = classifier;
    private readonly StrategyRegistry _strategies = strategies;
    private readonly IRecoveryActions _actions = actions;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly ResourceSampler _resources = resources;
    private readonly StabilityTracker _stability = stability;

    public event Action<RecoveryFinished>? RecoveryFinished;

    private string WorkerId => _options.WorkerId;

    /// <summary>Recovers a failed call; <paramref name="passage"/> gates each plan's attempt on the component's breaker.</summary>
    public async Task<object?> RecoverAsync(
        ComponentGate gate, IComponentPassage passage, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var progress = new RecoveryProgress();
        using var activity = ClientMetrics.Activities.StartActivity("RecoveryClient.Recover");
        activity?.SetTag("rc.component", gate.Component);
        activity?.SetTag("rc.operation", operation);
        try
        {
            var (value, held) = await RecoverCoreAsync(gate, passage, operation, action, error, options, progress, cancellationToken).ConfigureAwait(false);
            Finish(gate.Component, progress, started, resolved: true, escalated: false, held, activity);
            return value;
        }
        catch (RecoveryEscalatedException escalation)
        {
            Finish(gate.Component, progress, started, resolved: false, escalated: !escalation.Held, escalation.Held, activity);
            throw;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Finish(gate.Component, progress, started, resolved: false, escalated: false, held: false, activity);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }

    private void Finish(string component, RecoveryProgress progress, long started, bool resolved, bool escalated, bool held, Activity? activity)
    {
        activity?.SetTag("rc.error.id", progress.ErrorId);
        activity?.SetTag("rc.level", progress.Level);
        activity?.SetTag("rc.attempts", progress.Attempts);
        activity?.SetTag("rc.resolved", resolved);
        activity?.SetTag("rc.local", progress.Local);
        var handler = RecoveryFinished;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(new RecoveryFinished(
                component, progress.ErrorId ?? string.Empty, progress.Level, progress.Attempts, _time.GetElapsedTime(started), resolved, escalated, held, progress.Local));
        }
        catch (Exception hookError)
        {
            // A listener must never break recovery.
            LogListenerFailed(hookError);
        }
    }

    /// <summary>Recovers the call, or throws; the flag says the value came from a held level-1 attempt.</summary>
    private async Task<(object? Value, bool Held)> RecoverCoreAsync(
        ComponentGate gate, IComponentPassage passage, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions options,
        RecoveryProgress progress, CancellationToken cancellationToken)
    {
        var failure = await ReportAsync(gate, operation, error, options, progress, cancellationToken).ConfigureAwait(false);
        if (failure.Grain is null || failure.Answer is null)
        {
            return (await RecoverLocallyAsync(gate, operation, action, error, failure.Classification, failure.Occurrence, options, progress, cancellationToken).ConfigureAwait(false), false);
        }

        return await RunPlansAsync(gate, passage, operation, action, error, options, failure, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Classifies the failure and reports it; without an answer from the cluster the result has no plan.</summary>
    private async Task<ReportedFailure> ReportAsync(
        ComponentGate gate, string operation, Exception error, ExecuteOptions options, RecoveryProgress progress, CancellationToken cancellationToken)
    {
        var classification = _classifier.Classify(error);
        var pattern = _classifier.Find(classification.PatternId);

        // The pattern's strategy goes with the report: the cluster's level-1 planning weighs it against its statistics.
        var occurrence = new ErrorOccurrence(
            classification.Type, classification.Severity, Truncate(error.Message), error.GetType().FullName,
            new ErrorContext(gate.Component, operation, WorkerId, _options.HardwareId, options.TaskIds, options.Tags, options.IsCritical, options.Features),
            _time.GetUtcNow(), IsCrash: error is OutOfMemoryException or StackOverflowException or AccessViolationException,
            pattern?.Id, pattern?.RecoveryStrategy);
        var errorId = ErrorFingerprint.Compute(occurrence);
        _hooks.RaiseError(new ErrorHookContext(errorId, classification.Type, classification.Severity, gate.Component, operation, error));

        progress.ErrorId = errorId;
        var failure = new ReportedFailure(classification, pattern, occurrence);
        if (!connection.IsConnected)
        {
            return failure;
        }

        // Only after the check: a client that never connected cannot even make a grain reference (it has no manifest yet).
        var errorGrain = _grains.GetGrain<IErrorGrain>(errorId);
        try
        {
            var report = await clusterCalls.CallAsync(gate, () => errorGrain.ReportAsync(occurrence), cancellationToken).ConfigureAwait(false);
            progress.ErrorId = report.ErrorId;
            return failure with { Grain = errorGrain, Answer = report };
        }
        catch (Exception clusterError) when (ClusterFailure.Is(clusterError))
        {
            LogNoPlan(gate.Component, clusterError.Message);
            return failure;
        }
    }

    /// <summary>Runs each plan the cluster hands out and records its outcome, until one recovers the call or none is left.</summary>
    private async Task<(object? Value, bool Held)> RunPlansAsync(
        ComponentGate gate, IComponentPassage passage, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions options,
        ReportedFailure failure, RecoveryProgress progress, CancellationToken cancellationToken)
    {
        var report = failure.Answer!;
        var plan = report.Plan;
        RecoveryContext? context = null;
        var calls = new ComponentCalls();
        var waitLeft = options.OpenCircuitWait ?? perCall.Current.OpenCircuitWait;
        while (plan is not null)
        {
            progress.Level = (int)plan.Level;
            progress.Attempts++;
            context ??= new RecoveryContext(gate.Component, operation, calls.Watch(action), error, failure.Classification, plan, options, _actions, _time, failure.Pattern, corrections);
            context.Plan = plan;
            _hooks.RaisePlan(new PlanHookContext(gate.Component, operation, plan));

            // While the component's circuit is open the plan waits, so the fleet stops calling it; the plan that runs
            // while it is half-open is its probe, and the ladder climbs once per failed probe rather than per call.
            var (decision, waited) = await passage.PassAsync(gate, waitLeft, cancellationToken).ConfigureAwait(false);
            waitLeft -= waited;
            calls.Reset();
            var (result, outcome) = await RunPlanAsync(context, plan, cancellationToken).ConfigureAwait(false);
            if (decision == GateDecision.Probe)
            {
                // The probe's verdict is the component's last answer; a plan that never called it has none.
                await (calls.Count == 0 ? passage.ReleaseAsync(gate) : passage.CompleteAsync(gate, decision, calls.LastError)).ConfigureAwait(false);
            }

            var next = await RecordAsync(gate, operation, error, failure, context, result, outcome, progress, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return (result.Value, report.Held);
            }

            plan = next.NextPlan;
        }

        if (report.Held || report.Status == ErrorStatus.Escalated)
        {
            throw new RecoveryEscalatedException(report.ErrorId, gate.Component, error, held: true);
        }

        throw error.Rethrow();
    }

    /// <summary>
    /// Records one attempt's outcome and decides what follows: null when the attempt recovered the call (its value
    /// stands even if the outcome was lost), the cluster's answer with the next plan, or an exception: the outcome
    /// escalated the error, the error is held, or a failed attempt's outcome was lost.
    /// </summary>
    private async Task<OutcomeResult?> RecordAsync(
        ComponentGate gate, string operation, Exception error, ReportedFailure failure, RecoveryContext context, StrategyResult result,
        RecoveryOutcome outcome, RecoveryProgress progress, CancellationToken cancellationToken)
    {
        var report = failure.Answer!;
        var plan = context.Plan;
        OutcomeResult next;
        try
        {
            next = await RecordOutcomeAsync(failure.Grain!, plan.Attempt, outcome, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception clusterError) when (ClusterFailure.Is(clusterError) || clusterError is ErrorNotReportedException)
        {
            // Without a connection every outcome is lost alike, and the connection's log line says so once. A cluster
            // that restarted without durable storage since the plan no longer knows the error: the same, for this outcome.
            if (connection.IsConnected)
            {
                LogOutcomeLost(gate.Component, plan.StrategyId, clusterError.Message);
            }

            if (result.Success)
            {
                return null;
            }

            throw (result.Error ?? error).Rethrow();
        }

        if (result.Success)
        {
            ClientMetrics.Recoveries.Add(1);
            gate.CountSuccess();

            // The window opens after the recovered call: it measures the calls that follow.
            _stability.Start(gate.Component, failure.Classification.Type, plan.StrategyId);
            return null;
        }

        if (next.EscalatedNow)
        {
            // This outcome escalated the error: the one place a worker raises an escalation, once per episode.
            await EscalateAsync(context, cancellationToken).ConfigureAwait(false);
            _hooks.RaiseEscalation(new EscalationHookContext(report.ErrorId, gate.Component, operation, progress.Attempts, result.Error ?? error));
            throw new RecoveryEscalatedException(report.ErrorId, gate.Component, result.Error ?? error, held: false);
        }

        // A held error gets one attempt; another operation's outcome escalated this episode: either way, fail now.
        if (report.Held || next.Status == ErrorStatus.Escalated)
        {
            throw new RecoveryEscalatedException(report.ErrorId, gate.Component, result.Error ?? error, held: true);
        }

        return next;
    }

    /// <summary>
    /// Records the outcome, repeated while the cluster does not answer (<see cref="ClusterCalls.RepeatableAttempts"/>
    /// tries): the outcome carries one id throughout, so a try whose answer was lost is not counted twice.
    /// </summary>
    private Task<OutcomeResult> RecordOutcomeAsync(IErrorGrain errorGrain, int attempt, RecoveryOutcome outcome, CancellationToken cancellationToken)
    {
        outcome = outcome with { OutcomeId = Guid.CreateVersion7(_time.GetUtcNow()) };
        return clusterCalls.CallRepeatableAsync(() => errorGrain.RecordOutcomeAsync(attempt, outcome), cancellationToken);
    }

    /// <summary>
    /// Level 1 without the cluster: the strategy the matched error pattern names, if it has one and this worker runs it
    /// (as the cluster plans it while it has too few samples to judge it), then retry with the catalog's level-1
    /// backoff through this worker's own breaker, then the call's fallback if it has one, else the operation's own
    /// error. The record (occurrence and outcomes, with their ids) waits in <see cref="OfflineRecoveries"/> for the cluster.
    /// </summary>
    private async Task<object?> RecoverLocallyAsync(
        ComponentGate gate, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ErrorClassification classification,
        ErrorOccurrence occurrence, ExecuteOptions options, RecoveryProgress progress, CancellationToken cancellationToken)
    {
        progress.Local = true;
        progress.Level = (int)RecoveryLevel.Basic;
        var backoff = BackoffOptions.Basic;
        var timeout = (options.Timeout ?? perCall.Current.DefaultOperationTimeout) * backoff.Attempts + backoff.MaxDelay * (backoff.Attempts - 1);
        var pattern = _classifier.Find(classification.PatternId);
        var preferred = pattern?.RecoveryStrategy is { } named && !LocalStrategies.Contains(named) && _strategies.TryGet(named, out _) ? named : null;
        var outcomes = new List<RecoveryOutcome>(LocalStrategies.Length + 1);
        RecoveryContext? context = null;
        StrategyResult? result = null;
        foreach (var strategyId in preferred is null ? LocalStrategies : [preferred, .. LocalStrategies])
        {
            if (strategyId == StrategyIds.Fallback && options.Fallback is null)
            {
                continue;
            }

            var plan = new RecoveryPlan(progress.ErrorId!, Attempt: 0, RecoveryLevel.Basic, strategyId, timeout, CircuitState.Closed, [],
                strategyId == preferred
                    ? $"the cluster is out of reach: this worker's own level-1 recovery, first with pattern '{pattern!.Id}''s strategy"
                    : "the cluster is out of reach: this worker's own level-1 recovery");
            context ??= new RecoveryContext(
                gate.Component, operation, ct => RunLocallyAsync(gate, action, ct), error, classification, plan, options, _actions, _time,
                pattern, corrections);
            context.Plan = plan;
            progress.Attempts++;
            _hooks.RaisePlan(new PlanHookContext(gate.Component, operation, plan));
            (result, var outcome) = await RunPlanAsync(context, plan, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome with { OutcomeId = Guid.CreateVersion7(_time.GetUtcNow()) });
            if (result.Success)
            {
                break;
            }
        }

        offline.Add(progress.ErrorId!, occurrence, outcomes);
        if (result is { Success: true })
        {
            ClientMetrics.LocalRecoveries.Add(1);
            return result.Value;
        }

        throw error.Rethrow();
    }

    /// <summary>A local retry goes through this worker's breaker: while it is open the retry fails fast instead of calling.</summary>
    private static async Task<object?> RunLocallyAsync(ComponentGate gate, Func<CancellationToken, Task<object?>> action, CancellationToken cancellationToken) =>
        await gate.LocalBreaker.ExecuteAsync(static async (state, ct) => await state(ct).ConfigureAwait(false), action, cancellationToken).ConfigureAwait(false);

    private async Task<(StrategyResult Result, RecoveryOutcome Outcome)> RunPlanAsync(RecoveryContext context, RecoveryPlan plan, CancellationToken cancellationToken)
    {
        var before = _resources.Sample();
        var started = _time.GetTimestamp();
        StrategyResult result;
        var timedOut = false;
        if (!_strategies.TryGet(plan.StrategyId, out var strategy))
        {
            result = StrategyResult.Failed(new InvalidOperationException($"This worker has no strategy '{plan.StrategyId}'; register it with AddStrategy<T>()."));
        }
        else
        {
            // The plan's timeout runs on the client's clock, like its other timers.
            using var planTimer = new CancellationTokenSource(plan.Timeout, _time);
            using var planTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, planTimer.Token);
            try
            {
                result = await strategy.ExecuteAsync(context, planTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                timedOut = true;
                result = StrategyResult.Failed(new TimeoutException($"Strategy '{plan.StrategyId}' exceeded the plan's timeout of {plan.Timeout.TotalSeconds:0.###} s."));
            }
            catch (Exception strategyError) when (strategyError is not OperationCanceledException)
            {
                result = StrategyResult.Failed(strategyError);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = _time.GetElapsedTime(started);
        var after = _resources.Sample();
        var affected = Math.Max(result.AffectedTasks, 0);
        var outcome = new RecoveryOutcome(
            plan.StrategyId, result.Success, elapsed, affected, Math.Clamp(result.RecoveredTasks, 0, affected), before, after,
            StabilityScore: null, _options.HardwareId, timedOut);
        LogAttempt(context.Component, plan.Attempt, (int)plan.Level, plan.StrategyId, result.Success, elapsed.TotalMilliseconds);
        return (result, outcome);
    }

    private async Task EscalateAsync(RecoveryContext context, CancellationToken cancellationToken)
    {
        ClientMetrics.Escalations.Add(1);
        if (_strategies.TryGet(RecoveryCluster.Strategies.StrategyIds.Escalation, out var escalation))
        {
            try
            {
                await escalation.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception hookError) when (hookError is not OperationCanceledException)
            {
                LogEscalationHookFailed(context.Component, hookError);
            }
        }
    }

    /// <summary>An exception's message as the cluster takes it: at most the length limit, a NUL shown as U+FFFD (it cannot be stored).</summary>
    internal static string Truncate(string message)
    {
        var cut = message.Length <= Limits.MaxMessageLength ? message : message[..Limits.MaxMessageLength];
        return cut.Contains('\0', StringComparison.Ordinal) ? cut.Replace('\0', '\uFFFD') : cut;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No recovery plan for a failure on '{Component}': the cluster did not answer ({Reason}); this worker recovers it alone")]
    private partial void LogNoPlan(string component, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of '{StrategyId}' on '{Component}' could not be reported ({Reason})")]
    private partial void LogOutcomeLost(string component, string strategyId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery of '{Component}': attempt {Attempt} at level {Level} with '{StrategyId}' {Success} in {Milliseconds:0.0} ms")]
    private partial void LogAttempt(string component, int attempt, int level, string strategyId, bool success, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The escalation hook for '{Component}' failed")]
    private partial void LogEscalationHookFailed(string component, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A RecoveryFinished listener threw; recovery goes on")]
    private partial void LogListenerFailed(Exception error);
}
