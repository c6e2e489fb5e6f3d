using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.FleetLimits;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.Client.Hedging;
using RecoveryCluster.Client.Hooks;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Client.Measurement;
using RecoveryCluster.Client.Recovery;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Client.Resilience;
using RecoveryCluster.Events;
using CircuitState = RecoveryCluster.CircuitBreaker.CircuitState;

namespace RecoveryCluster.Client;

/// <summary>The worker library's entry point; see <see cref="IRecoveryClient"/>.</summary>
public sealed partial class RecoveryClient : IRecoveryClient, IClusterStrategyClient, IComponentPassage, IAsyncDisposable
{
    /// <summary>The longest a held call sleeps before it looks at its circuit again (pushes normally wake it sooner).</summary>
    private static readonly TimeSpan HoldRecheck = TimeSpan.FromMilliseconds(250);

    private readonly RecoveryClientOptions _options;
    private readonly PerCallOptions _perCall;
    private readonly ErrorClassifier _classifier;
    private readonly TimeProvider _time;
    private readonly ILogger<RecoveryClient> _logger;
    private readonly CircuitGates _gates;
    private readonly StabilityTracker _stability;
    private readonly RecoveryLoop _loop;
    private readonly ClusterConnectionStatus _connection;
    private readonly OfflineRecoveries _offline;
    private readonly ClusterCalls _calls;
    private readonly RecoveryClientBackground _background;
    private readonly FleetLimiters _limits;
    private readonly HedgedOperations _hedging;
    private int _stopped;

    /// <summary>
    /// A client made without a container (<c>AddRecoveryClient</c> is the usual way in); its background work starts
    /// with its first call.
    /// </summary>
    public RecoveryClient(
        IGrainFactory grains, IOptions<RecoveryClientOptions> options, ErrorClassifier classifier, StrategyRegistry strategies,
        IRecoveryActions actions, TimeProvider time, ILogger<RecoveryClient> logger, RecoveryHooks? hooks = null,
        ClusterConnectionStatus? connection = null, ErrorCorrections? corrections = null)
        : this(RecoveryClientParts.Compose(grains, options, classifier, strategies, actions, time, logger, hooks, connection, corrections))
    {
    }

    internal RecoveryClient(RecoveryClientParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _options = parts.Options.Value;
        _perCall = parts.PerCall;
        Guard.Key(_options.WorkerId, nameof(RecoveryClientOptions.WorkerId));
        _classifier = parts.Classifier;
        _time = parts.Time;
        _logger = parts.Logger;
        _connection = parts.Connection;
        _gates = parts.Gates;
        _stability = parts.Stability;
        _offline = parts.Offline;
        _calls = parts.Calls;
        _loop = parts.Loop;
        _background = parts.Background;
        Hooks = parts.Hooks;
        _hedging = new HedgedOperations(_time);
        _limits = new FleetLimiters(parts.Grains, _options.WorkerId, _options.ClusterCallTimeout, _time, _logger, _connection, async c => await _gates.GetAsync(c).ConfigureAwait(false), _hedging);
        _gates.CircuitChanged += Hooks.RaiseCircuitChange;
        Events = new RecoveryEventFeed(parts.Grains, _time, _options.ResubscribeInterval, e => LogEventRenewalFailed(e.Message));
        _connection.Changed += OnConnectionChanged;
    }

    /// <summary>Whether this worker can reach the cluster; while it cannot, failures are recovered locally.</summary>
    public ClusterConnectionState ConnectionState => _connection.State;

    /// <summary>Raised when the connection to the cluster changes (connected, lost, back).</summary>
    public event Action<ClusterConnectionState>? ConnectionChanged
    {
        add => _connection.Changed += value;
        remove => _connection.Changed -= value;
    }

    /// <summary>Offline recovery records waiting for the cluster, taken by it, and dropped unsent.</summary>
    public (int Waiting, long Sent, long Dropped) OfflineRecords => (_offline.Count, _offline.Sent, _offline.Dropped);

    public string WorkerId => _options.WorkerId;

    public RecoveryHooks Hooks { get; }

    public RecoveryEventFeed Events { get; }

    public event Action<RecoveryCluster.CircuitBreaker.CircuitSnapshot>? CircuitChanged
    {
        add => _gates.CircuitChanged += value;
        remove => _gates.CircuitChanged -= value;
    }

    public event Action<RecoveryFinished>? RecoveryFinished
    {
        add => _loop.RecoveryFinished += value;
        remove => _loop.RecoveryFinished -= value;
    }

    public CircuitState GetCircuitState(string component) => _gates.StateOf(component);

    /// <summary>The options a call reads when it runs (they reload with configuration); identity and intervals are read once at start.</summary>
    private RecoveryClientOptions PerCall => _perCall.Current;

    public async Task ExecuteAsync(string component, string operation, Func<CancellationToken, Task> action, ExecuteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        await ExecuteAsync<object?>(component, operation, async ct =>
        {
            await action(ct).ConfigureAwait(false);
            return null;
        }, options, cancellationToken).ConfigureAwait(false);
    }

    public Task<T> ExecuteAsync<T>(string component, string operation, Func<CancellationToken, Task<T>> action, ExecuteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.Key(component, nameof(component));
        Guard.Key(operation, nameof(operation));
        ArgumentNullException.ThrowIfNull(action);

        // The fleet limit is outermost, as Polly's rate limiter is in a pipeline: a refused call never reaches the gate or
        // recovery. A component without limits skips it, so the common call allocates no closure for it.
        if (_limits.IsKnownUnlimited(component))
        {
            return ExecuteGatedAsync(component, operation, action, options, limiter: null, cancellationToken);
        }

        return ExecuteLimitedAsync(component, operation, action, options, cancellationToken);
    }

    /// <summary>
    /// The call under the component's fleet limits. A method of its own: the lambda's closure would otherwise be
    /// allocated on entry to <see cref="ExecuteAsync{T}"/>, by unlimited calls too.
    /// </summary>
    private Task<T> ExecuteLimitedAsync<T>(string component, string operation, Func<CancellationToken, Task<T>> action, ExecuteOptions? options, CancellationToken cancellationToken) =>
        _limits.RunAsync(component, (limiter, ct) => ExecuteGatedAsync(component, operation, action, options, limiter, ct), cancellationToken);

    /// <param name="limiter">The component's fleet limit share, which hedged copies take permits of; null: no limit.</param>
    private async Task<T> ExecuteGatedAsync<T>(
        string component, string operation, Func<CancellationToken, Task<T>> action, ExecuteOptions? options, ComponentLimiter? limiter, CancellationToken cancellationToken)
    {
        options ??= ExecuteOptions.Default;
        action = _hedging.Wrap(component, operation, action, options.IsIdempotent, limiter);
        var timeout = options.Timeout ?? PerCall.DefaultOperationTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "'timeout' must be positive.");
        }

        var gate = await GateOf(component).ConfigureAwait(false);
        var waitLeft = options.OpenCircuitWait ?? PerCall.OpenCircuitWait;
        while (true)
        {
            var decision = GateDecision.Pass;
            T value;
            try
            {
                decision = await EnterAsync(gate, cancellationToken).ConfigureAwait(false);
                value = await RunOnceAsync(gate, action, timeout, decision, cancellationToken).ConfigureAwait(false);
            }
            catch (CircuitOpenException open)
            {
                EndProbe(gate, decision);
                waitLeft -= await HoldAsync(gate, open, waitLeft, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception error) when (IsRecoverable(error, cancellationToken))
            {
                EndProbe(gate, decision);
                _stability.Count(component, success: false);
                await _gates.FlushAsync(gate).ConfigureAwait(false);
                return await RecoverAsync(gate, operation, action, error, options, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                EndProbe(gate, decision);
                throw;
            }

            await CompleteAsync(gate, decision, success: true).ConfigureAwait(false);
            return value;
        }
    }

    /// <summary>
    /// The failed call through the recovery loop. A method of its own: a lambda over <paramref name="action"/> in the
    /// caller would make every call, completed ones included, allocate the closure on entry.
    /// </summary>
    private async Task<T> RecoverAsync<T>(ComponentGate gate, string operation, Func<CancellationToken, Task<T>> action, Exception error, ExecuteOptions options, CancellationToken cancellationToken)
    {
        var recovered = await _loop.RecoverAsync(gate, this, operation, async ct => await action(ct).ConfigureAwait(false), error, options, cancellationToken).ConfigureAwait(false);
        return (T)recovered!;
    }

    /// <summary>
    /// Holds a call that an open circuit refused until it may try again: when the circuit is due to half-open, or at
    /// the next pushed transition (a close lets the held calls through, spread over <c>ReleaseSpread</c>), or at the
    /// latest after <see cref="HoldRecheck"/>. The held call makes no call into the component meanwhile. Returns how
    /// long it held; rethrows <paramref name="open"/> when <paramref name="remaining"/> is spent.
    /// </summary>
    private async Task<TimeSpan> HoldAsync(ComponentGate gate, CircuitOpenException open, TimeSpan remaining, CancellationToken cancellationToken)
    {
        if (remaining <= TimeSpan.Zero)
        {
            ExceptionDispatchInfo.Throw(open);
        }

        var started = _time.GetTimestamp();
        var changed = gate.Changed;
        var untilDue = open.RetryAt is { } at ? at - _time.GetUtcNow() : HoldRecheck;
        var wait = untilDue > TimeSpan.Zero ? untilDue : HoldRecheck;
        wait = TimeSpan.FromTicks(Math.Min(Math.Min(wait.Ticks, HoldRecheck.Ticks), remaining.Ticks));
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, wake.Token);
        if (await Task.WhenAny(changed, delay).ConfigureAwait(false) == changed && gate.State == CircuitState.Closed && PerCall.ReleaseSpread is var releaseSpread && releaseSpread > TimeSpan.Zero)
        {
            // The held calls of a whole fleet would otherwise hit the component in the same instant it recovered.
            var spread = Math.Min(releaseSpread.Ticks, remaining.Ticks);
            await Task.Delay(TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * spread)), _time, cancellationToken).ConfigureAwait(false);
        }

        await wake.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return _time.GetElapsedTime(started);
    }

    async Task<(GateDecision Decision, TimeSpan Waited)> IComponentPassage.PassAsync(ComponentGate gate, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return (await EnterAsync(gate, cancellationToken).ConfigureAwait(false), waited);
            }
            catch (CircuitOpenException open)
            {
                waited += await HoldAsync(gate, open, maxWait - waited, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    Task IComponentPassage.CompleteAsync(ComponentGate gate, GateDecision decision, Exception? failure) =>
        CompleteAsync(gate.Component, decision, failure);

    async Task IComponentPassage.ReleaseAsync(ComponentGate gate)
    {
        gate.EndProbe();
        try
        {
            _gates.Apply(gate, await _calls.CallAsync(gate, () => _gates.Breaker(gate.Component).ReleaseProbeAsync(WorkerId)).ConfigureAwait(false));
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            // The permit expires on its own (ProbePermitTimeout).
        }
    }

    private static void EndProbe(ComponentGate gate, GateDecision decision)
    {
        if (decision == GateDecision.Probe)
        {
            gate.EndProbe();
        }
    }

    /// <summary>This worker's fleet limit leases (the benchmarks watch them arrive).</summary>
    internal FleetLimiters FleetLimits => _limits;

    /// <summary>The gate of a component (subscribing on first use).</summary>
    internal ValueTask<ComponentGate> GateAsync(string component) => GateOf(component);

    /// <summary>The gate of a component; the first call of a client made without a host also starts its background work.</summary>
    private ValueTask<ComponentGate> GateOf(string component)
    {
        _background.Start();
        return _gates.GetAsync(component);
    }

    async ValueTask<GateDecision> IClusterStrategyClient.EnterAsync(string component, CancellationToken cancellationToken)
    {
        var gate = await GateOf(Guard.Key(component, nameof(component))).ConfigureAwait(false);
        return await EnterAsync(gate, cancellationToken).ConfigureAwait(false);
    }

    Task IClusterStrategyClient.CompleteAsync(string component, GateDecision decision, Exception? failure) => CompleteAsync(component, decision, failure);

    private async Task CompleteAsync(string component, GateDecision decision, Exception? failure)
    {
        var gate = await GateOf(component).ConfigureAwait(false);
        EndProbe(gate, decision);
        if (failure is null)
        {
            await CompleteAsync(gate, decision, success: true).ConfigureAwait(false);
            return;
        }

        _stability.Count(component, success: false);
        if (_connection.IsConnected)
        {
            await ReportFailureAsync(gate, failure).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Tells the breaker of a failure. A method of its own, like <see cref="RecordProbeSuccessAsync"/>: the closure of
    /// its cluster call is then made only on this path, not on every completed call.
    /// </summary>
    private async Task ReportFailureAsync(ComponentGate gate, Exception failure)
    {
        var classification = _classifier.Classify(failure);
        var signal = new RecoveryCluster.CircuitBreaker.FailureSignal(WorkerId, classification.Type, classification.Severity, RecoveryLoop.Truncate(failure.Message));
        try
        {
            _gates.Apply(gate, (await _calls.CallAsync(gate, () => _gates.Breaker(gate.Component).RecordFailureAsync(signal)).ConfigureAwait(false)).Circuit);
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            // The gate is on this worker's own breaker until its subscription is renewed.
        }
    }

    async ValueTask<ComponentLimiter> IClusterStrategyClient.FleetLimiterAsync(string component)
    {
        _background.Start();
        return await _limits.GetAsync(Guard.Key(component, nameof(component))).ConfigureAwait(false);
    }

    bool IClusterStrategyClient.Hedges(string component) => _hedging.IsOn(component);

    Func<CancellationToken, Task<T>> IClusterStrategyClient.Hedged<T>(string component, string operation, Func<CancellationToken, Task<T>> action) =>
        _hedging.Wrap(component, operation, action, idempotent: true, _limits.LimitedOrNull(component));

    async Task<object?> IClusterStrategyClient.RecoverAsync(
        string component, string operation, Func<CancellationToken, Task<object?>> action, Exception error, ExecuteOptions? options, CancellationToken cancellationToken)
    {
        var gate = await GateOf(Guard.Key(component, nameof(component))).ConfigureAwait(false);
        Guard.Key(operation, nameof(operation));
        _stability.Count(component, success: false);
        return await _loop.RecoverAsync(gate, this, operation, action, error, options ?? ExecuteOptions.Default, cancellationToken).ConfigureAwait(false);
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
            throw CircuitOpenException.For(gate.Component, snapshot?.RetryAfter, _time.GetUtcNow(), isLocal: false, snapshot?.LastFailure);
        }

        if (!gate.TryBeginProbe())
        {
            ClientMetrics.Rejected.Add(1);
            throw CircuitOpenException.For(gate.Component, snapshot?.RetryAfter, _time.GetUtcNow(), isLocal: false, "a probe of this worker is under way");
        }

        var probing = false;
        try
        {
            var permit = await _calls.CallAsync(gate, () => _gates.Breaker(gate.Component).TryAcquireProbeAsync(WorkerId), cancellationToken).ConfigureAwait(false);
            if (_gates.Apply(gate, permit.Circuit))
            {
                LogStateChanged(gate.Component, permit.Circuit.State);
            }

            if (permit.Granted)
            {
                probing = permit.Circuit.State != CircuitState.Closed;
                return probing ? GateDecision.Probe : GateDecision.Pass;
            }

            ClientMetrics.Rejected.Add(1);
            throw CircuitOpenException.For(gate.Component, permit.Circuit.RetryAfter, _time.GetUtcNow(), isLocal: false,
                permit.Circuit.State == CircuitState.HalfOpen ? "every half-open probe permit is taken" : permit.Circuit.LastFailure);
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            // The cluster cannot answer: go on with the local breaker rather than block the worker.
            _ = _gates.RenewAllAsync();
            return GateDecision.Pass;
        }
        finally
        {
            if (!probing)
            {
                gate.EndProbe();
            }
        }
    }

    /// <summary>
    /// Runs the call once under its timeout, through this worker's own breaker; a cluster probe skips it, since the
    /// fleet's half-open decides when the component is tried again and a local break still running would waste the
    /// permit (the fleet would wait for it to expire).
    /// </summary>
    private async ValueTask<T> RunOnceAsync<T>(ComponentGate gate, Func<CancellationToken, Task<T>> action, TimeSpan timeout, GateDecision decision, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return decision == GateDecision.Probe
                ? await action(timeoutSource.Token).ConfigureAwait(false)
                : await gate.LocalBreaker.ExecuteAsync(
                    static async (state, ct) => await state(ct).ConfigureAwait(false), action, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            throw new TimeoutException($"Operation on '{gate.Component}' timed out after {timeout.TotalSeconds:0.###} s.");
        }
        catch (BrokenCircuitException broken) when (broken is not CircuitOpenException)
        {
            ClientMetrics.Rejected.Add(1);
            var now = _time.GetUtcNow();
            throw CircuitOpenException.For(gate.Component, broken.RetryAfter is { } after ? now + after : null, now, isLocal: true, "this worker's own failures");
        }
    }

    private async Task CompleteAsync(ComponentGate gate, GateDecision decision, bool success)
    {
        EndProbe(gate, decision);
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

        await RecordProbeSuccessAsync(gate).ConfigureAwait(false);
    }

    /// <summary>A probe's success closes the circuit sooner; apart from <see cref="CompleteAsync(ComponentGate, GateDecision, bool)"/> so the closed path allocates no closure.</summary>
    private async Task RecordProbeSuccessAsync(ComponentGate gate)
    {
        try
        {
            var snapshot = await _calls.CallAsync(() => _gates.Breaker(gate.Component).RecordProbeSuccessAsync(WorkerId)).ConfigureAwait(false);
            _gates.Apply(gate, snapshot);
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            gate.CountSuccess();
        }
    }

    private static bool IsRecoverable(Exception error, CancellationToken cancellationToken) =>
        error is not CircuitOpenException && !(error is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// Lost: every gate goes to this worker's own breaker at once, rather than after a timed-out call each. Back: the
    /// subscriptions are renewed (which restores the fleet's state) and the offline records are sent.
    /// </summary>
    private void OnConnectionChanged(ClusterConnectionState state)
    {
        if (state != ClusterConnectionState.Connected)
        {
            _gates.MarkUnreachable();
            return;
        }

        _background.Reconnected();
    }

    /// <summary>Sends pending successes and stability scores, drops the subscriptions and stops the background work. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _connection.Changed -= OnConnectionChanged;
        await _background.StopAsync().ConfigureAwait(false);

        // A last send of the offline records while the cluster is still connected; what it does not take is counted.
        await _offline.SendAsync(CancellationToken.None).ConfigureAwait(false);
        _offline.Abandon();
        await _gates.StopAsync().ConfigureAwait(false);
        await _limits.DisposeAsync().ConfigureAwait(false);
        await Events.DisposeAsync().ConfigureAwait(false);
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
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit '{Component}' is {State}")]
    private partial void LogStateChanged(string component, CircuitState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recovery event subscription could not be renewed ({Reason}); the next renewal tries again")]
    private partial void LogEventRenewalFailed(string reason);
}
