using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.Client.Measurement;
using RecoveryCluster.Client.Strategies;
using RecoveryCluster.Errors;
using CircuitState = RecoveryCluster.CircuitBreaker.CircuitState;

namespace RecoveryCluster.Client;

/// <summary>The worker library's entry point; see <see cref="IRecoveryClient"/>.</summary>
public sealed partial class RecoveryClient : IRecoveryClient, IAsyncDisposable
{
    private sealed class RecoveryProgress
    {
        public string? ErrorId { get; set; }
        public int Level { get; set; }
        public int Attempts { get; set; }
    }

    private readonly IGrainFactory _grains;
    private readonly RecoveryClientOptions _options;
    private readonly ErrorClassifier _classifier;
    private readonly StrategyRegistry _strategies;
    private readonly IRecoveryActions _actions;
    private readonly TimeProvider _time;
    private readonly ILogger<RecoveryClient> _logger;
    private readonly CircuitGates _gates;
    private readonly ResourceSampler _resources;
    private readonly StabilityTracker _stability;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _stabilityLoop;
    private int _stopped;

    public RecoveryClient(
        IGrainFactory grains, IOptions<RecoveryClientOptions> options, ErrorClassifier classifier, StrategyRegistry strategies,
        IRecoveryActions actions, TimeProvider time, ILogger<RecoveryClient> logger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _options = options.Value;
        Guard.Key(_options.WorkerId, nameof(RecoveryClientOptions.WorkerId));
        _classifier = classifier;
        _strategies = strategies;
        _actions = actions;
        _time = time;
        _logger = logger;
        _gates = new CircuitGates(grains, _options, time, logger);
        _resources = new ResourceSampler(time);
        _stability = new StabilityTracker(grains, time, _options.StabilityWindow);
        _stabilityLoop = FlushStabilityAsync();
    }

    public string WorkerId => _options.WorkerId;

    /// <summary>Raised on every breaker transition this worker hears of.</summary>
    public event Action<RecoveryCluster.CircuitBreaker.CircuitSnapshot>? CircuitChanged
    {
        add => _gates.CircuitChanged += value;
        remove => _gates.CircuitChanged -= value;
    }

    /// <summary>Raised when a recovery ends, resolved, escalated or given up.</summary>
    public event Action<RecoveryFinished>? RecoveryFinished;

    public CircuitState GetCircuitState(string component) => _gates.StateOf(component);

    public async Task ExecuteAsync(string component, string operation, Func<CancellationToken, Task> action, ExecuteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        await ExecuteAsync<object?>(component, operation, async ct =>
        {
            await action(ct).ConfigureAwait(false);
            return null;
        }, options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> ExecuteAsync<T>(string component, string operation, Func<CancellationToken, Task<T>> action, ExecuteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.Key(component, nameof(component));
        Guard.Key(operation, nameof(operation));
        ArgumentNullException.ThrowIfNull(action);
        options ??= ExecuteOptions.Default;
        var timeout = options.Timeout ?? _options.DefaultOperationTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "'timeout' must be positive.");
        }

        var gate = await _gates.GetAsync(component).ConfigureAwait(false);
        var decision = await EnterAsync(gate, cancellationToken).ConfigureAwait(false);
        try
        {
            var value = await RunOnceAsync(gate, action, timeout, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(gate, decision, success: true).ConfigureAwait(false);
            return value;
        }
        catch (Exception error) when (IsRecoverable(error, cancellationToken))
        {
            _stability.Count(component, success: false);
            var recovered = await RecoverAsync(gate, operation, async ct => await action(ct).ConfigureAwait(false), error, options, cancellationToken).ConfigureAwait(false);
            return (T)recovered!;
        }
    }

    /// <summary>The gate of a component (subscribing on first use).</summary>
    internal ValueTask<ComponentGate> GateAsync(string component) => _gates.GetAsync(component);

    /// <summary>Gates a call made outside <see cref="ExecuteAsync{T}"/> (the Polly integration).</summary>
    internal async ValueTask<GateDecision> EnterAsync(string component, CancellationToken cancellationToken)
    {
        var gate = await _gates.GetAsync(Guard.Key(component, nameof(component))).ConfigureAwait(false);
        return await EnterAsync(gate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes a call gated by <see cref="EnterAsync(string, CancellationToken)"/>.</summary>
    internal async Task CompleteAsync(string component, GateDecision decision, Exception? failure)
    {
        var gate = await _gates.GetAsync(component).ConfigureAwait(false);
        if (failure is null)
        {
            await CompleteAsync(gate, decision, success: true).ConfigureAwait(false);
            return;
        }

        _stability.Count(component, success: false);
        var classification = _classifier.Classify(failure);
        try
        {
            gate.Apply((await _gates.Breaker(component).RecordFailureAsync(new RecoveryCluster.CircuitBreaker.FailureSignal(
                WorkerId, classification.Type, classification.Severity, Truncate(failure.Message)))
                .WaitAsync(_options.ClusterCallTimeout, _time).ConfigureAwait(false)).Circuit);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            gate.ClusterReachable = false;
            ClientMetrics.ClusterUnreachable.Add(1);
        }
    }

    /// <summary>Recovers a failure of a call made outside <see cref="ExecuteAsync{T}"/> (the Polly integration).</summary>
    internal async Task<object?> RecoverAsync(
        string component, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions? options, CancellationToken cancellationToken)
    {
        var gate = await _gates.GetAsync(Guard.Key(component, nameof(component))).ConfigureAwait(false);
        Guard.Key(operation, nameof(operation));
        _stability.Count(component, success: false);
        return await RecoverAsync(gate, operation, action, error, options ?? ExecuteOptions.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The gate check: closed is a field read; open fails fast; half-open (or open past its timeout) asks for a probe permit.</summary>
    internal ValueTask<GateDecision> EnterAsync(ComponentGate gate, CancellationToken cancellationToken)
    {
        var state = gate.State;
        if (state == CircuitState.Closed || !gate.ClusterReachable)
        {
            return ValueTask.FromResult(GateDecision.Pass);
        }

        return EnterSlowAsync(gate, state, cancellationToken);
    }

    private async ValueTask<GateDecision> EnterSlowAsync(ComponentGate gate, CircuitState state, CancellationToken cancellationToken)
    {
        var snapshot = gate.Snapshot;
        var probeDue = state == CircuitState.HalfOpen || (state == CircuitState.Open && snapshot?.RetryAfter is { } at && _time.GetUtcNow() >= at);
        if (!probeDue)
        {
            ClientMetrics.Rejected.Add(1);
            throw new CircuitOpenException(gate.Component, snapshot?.RetryAfter, isLocal: false, snapshot?.LastFailure);
        }

        try
        {
            var permit = await _gates.Breaker(gate.Component).TryAcquireProbeAsync(WorkerId)
                .WaitAsync(_options.ClusterCallTimeout, _time, cancellationToken).ConfigureAwait(false);
            if (gate.Apply(permit.Circuit))
            {
                LogStateChanged(gate.Component, permit.Circuit.State);
            }

            if (permit.Granted)
            {
                return permit.Circuit.State == CircuitState.Closed ? GateDecision.Pass : GateDecision.Probe;
            }

            ClientMetrics.Rejected.Add(1);
            throw new CircuitOpenException(gate.Component, permit.Circuit.RetryAfter, isLocal: false,
                permit.Circuit.State == CircuitState.HalfOpen ? "every half-open probe permit is taken" : permit.Circuit.LastFailure);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            // The cluster cannot answer: go on with the local breaker rather than block the worker.
            gate.ClusterReachable = false;
            ClientMetrics.ClusterUnreachable.Add(1);
            _ = _gates.RenewAllAsync();
            return GateDecision.Pass;
        }
    }

    private async Task<T> RunOnceAsync<T>(ComponentGate gate, Func<CancellationToken, Task<T>> action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await gate.LocalBreaker.ExecuteAsync(
                static async (state, ct) => await state(ct).ConfigureAwait(false), action, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            throw new TimeoutException($"Operation on '{gate.Component}' timed out after {timeout.TotalSeconds:0.###} s.");
        }
        catch (BrokenCircuitException broken)
        {
            ClientMetrics.Rejected.Add(1);
            var retryAfter = broken.RetryAfter is { } after ? _time.GetUtcNow() + after : (DateTimeOffset?)null;
            throw new CircuitOpenException(gate.Component, retryAfter, isLocal: true, "this worker's own failures");
        }
    }

    private async Task CompleteAsync(ComponentGate gate, GateDecision decision, bool success)
    {
        _stability.Count(gate.Component, success);
        if (!success)
        {
            return;
        }

        if (decision != GateDecision.Probe)
        {
            gate.CountSuccess();
            return;
        }

        try
        {
            var snapshot = await _gates.Breaker(gate.Component).RecordSuccessAsync(WorkerId, 1)
                .WaitAsync(_options.ClusterCallTimeout, _time).ConfigureAwait(false);
            gate.Apply(snapshot);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            gate.CountSuccess();
        }
    }

    private async Task<object?> RecoverAsync(
        ComponentGate gate, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var progress = new RecoveryProgress();
        try
        {
            var value = await RecoverCoreAsync(gate, operation, action, error, options, progress, cancellationToken).ConfigureAwait(false);
            Finish(gate.Component, progress, started, resolved: true, escalated: false);
            return value;
        }
        catch (RecoveryEscalatedException)
        {
            Finish(gate.Component, progress, started, resolved: false, escalated: true);
            throw;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Finish(gate.Component, progress, started, resolved: false, escalated: false);
            throw;
        }
    }

    private void Finish(string component, RecoveryProgress progress, long started, bool resolved, bool escalated)
    {
        var handler = RecoveryFinished;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(new RecoveryFinished(component, progress.ErrorId ?? string.Empty, progress.Level, progress.Attempts, _time.GetElapsedTime(started), resolved, escalated));
        }
        catch (Exception hookError)
        {
            // A listener must never break recovery.
            LogListenerFailed(hookError);
        }
    }

    private async Task<object?> RecoverCoreAsync(
        ComponentGate gate, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions options,
        RecoveryProgress progress, CancellationToken cancellationToken)
    {
        var classification = _classifier.Classify(error);
        var occurrence = new ErrorOccurrence(
            classification.Type, classification.Severity, Truncate(error.Message), error.GetType().FullName, 
            new ErrorContext(gate.Component, operation, WorkerId, _options.HardwareId, options.TaskIds, options.Tags, options.IsCritical),
            _time.GetUtcNow(), IsCrash: error is OutOfMemoryException or StackOverflowException or AccessViolationException);
        var errorGrain = _grains.GetGrain<IErrorGrain>(ErrorFingerprint.Compute(occurrence));

        ReportResult report;
        try
        {
            report = await errorGrain.ReportAsync(occurrence).WaitAsync(_options.ClusterCallTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception clusterError) when (clusterError is TimeoutException or OrleansException)
        {
            gate.ClusterReachable = false;
            ClientMetrics.ClusterUnreachable.Add(1);
            LogNoPlan(gate.Component, clusterError.Message);
            throw error.Rethrow();
        }

        var plan = report.Plan;
        progress.ErrorId = report.ErrorId;
        RecoveryContext? context = null;
        while (plan is not null)
        {
            progress.Level = (int)plan.Level;
            progress.Attempts++;
            context ??= new RecoveryContext(gate.Component, operation, action, error, classification, plan, options, _actions, _time);
            context.Plan = plan;
            var (result, outcome) = await RunPlanAsync(context, plan, cancellationToken).ConfigureAwait(false);

            OutcomeResult next;
            try
            {
                next = await errorGrain.RecordOutcomeAsync(plan.Attempt, outcome)
                    .WaitAsync(_options.ClusterCallTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception clusterError) when (clusterError is TimeoutException or OrleansException)
            {
                LogOutcomeLost(gate.Component, plan.StrategyId, clusterError.Message);
                if (result.Success)
                {
                    return result.Value;
                }

                throw (result.Error ?? error).Rethrow();
            }

            if (result.Success)
            {
                ClientMetrics.Recoveries.Add(1);
                gate.CountSuccess();

                // The window opens after the recovered call: it measures the calls that follow.
                _stability.Start(gate.Component, classification.Type, plan.StrategyId);
                return result.Value;
            }

            plan = next.NextPlan;
            if (next.Status == ErrorStatus.Escalated)
            {
                await EscalateAsync(context, cancellationToken).ConfigureAwait(false);
                throw new RecoveryEscalatedException(report.ErrorId, gate.Component, result.Error ?? error);
            }
        }

        if (report.Status == ErrorStatus.Escalated)
        {
            throw new RecoveryEscalatedException(report.ErrorId, gate.Component, error);
        }

        throw error.Rethrow();
    }

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
            using var planTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            planTimeout.CancelAfter(plan.Timeout);
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

    private static bool IsRecoverable(Exception error, CancellationToken cancellationToken) =>
        error is not CircuitOpenException && !(error is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static string Truncate(string message) =>
        message.Length <= Limits.MaxMessageLength ? message : message[..Limits.MaxMessageLength];

    private async Task FlushStabilityAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (_stability.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await _stability.FlushClosedAsync(_options.ClusterCallTimeout).ConfigureAwait(false);
                }
                catch (Exception error) when (error is TimeoutException or OrleansException)
                {
                    LogStabilityLost(error.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Sends pending successes and stability scores, drops the subscriptions and stops the background work. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _stabilityLoop.ConfigureAwait(false);
        await _gates.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The Orleans client was disposed first; the silo drops the subscriptions when they expire.
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit '{Component}' is {State}")]
    private partial void LogStateChanged(string component, CircuitState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No recovery plan for a failure on '{Component}': the cluster did not answer ({Reason}); the failure is passed on")]
    private partial void LogNoPlan(string component, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of '{StrategyId}' on '{Component}' could not be reported ({Reason})")]
    private partial void LogOutcomeLost(string component, string strategyId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery of '{Component}': attempt {Attempt} at level {Level} with '{StrategyId}' {Success} in {Milliseconds:0.0} ms")]
    private partial void LogAttempt(string component, int attempt, int level, string strategyId, bool success, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The escalation hook for '{Component}' failed")]
    private partial void LogEscalationHookFailed(string component, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A RecoveryFinished listener threw; recovery goes on")]
    private partial void LogListenerFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stability measurement could not be sent ({Reason})")]
    private partial void LogStabilityLost(string reason);
}
