using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Timers;
using Orleans.Utilities;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Grains.Events;
using RecoveryCluster.Grains.Options;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>
/// One component's cluster-wide breaker: holds the state, lets the policy decide, persists and pushes every
/// transition. Counts between transitions (failures, probe successes) are written on a one-second timer instead: every
/// report of the component passes here, and a crash costing a few counted failures only delays an opening.
/// </summary>
/// <remarks>
/// An open breaker half-opens on its own through a grain timer (precise, while the grain is active) and, where the
/// silo has a reminder service, a reminder (at most one tick a minute, but it survives a silo or cluster restart).
/// </remarks>
public sealed partial class CircuitBreakerGrain : Grain, ICircuitBreakerGrain, IRemindable
{
    private const string HalfOpenReminder = "half-open";
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(5);

    private readonly IPersistentState<CircuitBreakerState> _state;
    private readonly IOptionsMonitor<CircuitBreakerOptions> _defaults;
    private CircuitBreakerOptions _policyDefaults;
    private CircuitBreakerPolicy _policy;
    private readonly RecoveryClock _clock;
    private readonly ILogger<CircuitBreakerGrain> _logger;
    private readonly ObserverManager<ICircuitObserver> _observers;
    private readonly RecoveryInstruments _instruments;
    private static readonly TimeSpan FlushCountsEvery = TimeSpan.FromSeconds(1);
    private readonly DeferredStateWrite<CircuitBreakerState> _countWrites;
    private readonly RecoveryEventPublisher _events;
    private IGrainTimer? _halfOpenTimer;

    public CircuitBreakerGrain(
        [PersistentState("breaker", StorageNames.Recovery)] IPersistentState<CircuitBreakerState> state,
        IOptionsMonitor<CircuitBreakerOptions> options,
        RecoveryClock clock,
        RecoveryInstruments instruments,
        RecoveryEventPublisher events,
        ILogger<CircuitBreakerGrain> logger)
    {
        _events = events;
        _instruments = instruments;
        _state = state;
        ArgumentNullException.ThrowIfNull(options);
        _defaults = options;
        _policyDefaults = options.CurrentValue;
        _policy = new CircuitBreakerPolicy(_policyDefaults);
        _countWrites = new DeferredStateWrite<CircuitBreakerState>(state);
        _clock = clock;
        _logger = logger;
        _observers = new ObserverManager<ICircuitObserver>(ObserverExpiry, logger);
    }

    private string Component => this.GetPrimaryKeyString();

    /// <summary>
    /// The rules in force: the silo's current defaults (they reload with configuration) under the component policy's
    /// overrides, rebuilt only when the defaults changed.
    /// </summary>
    private CircuitBreakerPolicy Policy
    {
        get
        {
            if (!ReferenceEquals(_defaults.CurrentValue, _policyDefaults))
            {
                Rebuild(_state.State.Overrides);
            }

            return _policy;
        }
    }

    private void Rebuild(RecoveryCluster.Policies.BreakerSettings? overrides)
    {
        _policyDefaults = _defaults.CurrentValue;
        _policy = new CircuitBreakerPolicy(BreakerOverrides.Apply(_policyDefaults, overrides));
    }

    private bool HasReminders => ServiceProvider.GetService<IReminderRegistry>() is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Guard.Key(Component, "component");
        _countWrites.Start(this, FlushCountsEvery);
        Rebuild(_state.State.Overrides);

        // Activated by the reminder after a restart, or by anyone: an open circuit whose time is up half-opens now.
        await ApplyAsync(Policy.Refresh(_state.State, _clock.UtcNow), persist: false);
        ScheduleHalfOpen();
        await GrainFactory.GetGrain<ICircuitRegistryGrain>(ICircuitRegistryGrain.DefaultKey).RegisterAsync(Component);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _countWrites.FlushOnDeactivationAsync(reason, cancellationToken);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HalfOpenReminder)
        {
            return;
        }

        await ApplyAsync(Policy.Refresh(_state.State, _clock.UtcNow), persist: false);
        if (_state.State.State != CircuitState.Open)
        {
            await ForgetReminderAsync();
        }
    }

    public async Task<CircuitSnapshot> GetSnapshotAsync()
    {
        await ApplyAsync(Policy.Refresh(_state.State, _clock.UtcNow), persist: false);
        return Snapshot();
    }

    public async Task<FailureVerdict> RecordFailureAsync(FailureSignal failure)
    {
        Validate(failure);

        // Refresh first, so the verdict reports the state the failure actually met (half-open, not a stale open).
        var now = _clock.UtcNow;
        var refreshed = Policy.Refresh(_state.State, now);
        var before = _state.State.State;
        var (counted, transitioned) = Policy.RecordFailure(_state.State, failure, now);
        await ApplyAsync(refreshed || transitioned, persist: true);
        return new FailureVerdict(counted, before, Snapshot());
    }

    public async Task<CircuitSnapshot> RecordSignalsAsync(IReadOnlyList<BreakerSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        Guard.Batch(signals.Count, "signals");
        foreach (var signal in signals)
        {
            Validate(signal);
        }

        // One by one, so each transition is written and pushed before the next signal meets the new state.
        foreach (var signal in signals)
        {
            var now = _clock.UtcNow;
            var transitioned = signal.Failure is { } failure
                ? Policy.RecordFailure(_state.State, failure, now).Transitioned
                : Policy.RecordProbeSuccess(_state.State, signal.WorkerId, now);
            await ApplyAsync(transitioned, persist: true);
        }

        return Snapshot();
    }

    public async Task<CircuitSnapshot> RecordSuccessAsync(string workerId, int count)
    {
        Guard.Key(workerId, nameof(workerId));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var transitioned = Policy.RecordSuccess(_state.State, workerId, count, _clock.UtcNow);
        await ApplyAsync(transitioned, persist: true);
        return Snapshot();
    }

    public async Task<CircuitSnapshot> RecordProbeSuccessAsync(string workerId)
    {
        Guard.Key(workerId, nameof(workerId));
        var transitioned = Policy.RecordProbeSuccess(_state.State, workerId, _clock.UtcNow);
        await ApplyAsync(transitioned, persist: true);
        return Snapshot();
    }

    public async Task<CircuitSnapshot> ReleaseProbeAsync(string workerId)
    {
        Guard.Key(workerId, nameof(workerId));
        var transitioned = Policy.ReleaseProbe(_state.State, workerId, _clock.UtcNow);
        await ApplyAsync(transitioned, persist: true);
        return Snapshot();
    }

    public async Task<ProbePermit> TryAcquireProbeAsync(string workerId)
    {
        Guard.Key(workerId, nameof(workerId));
        var (granted, transitioned) = Policy.TryAcquireProbe(_state.State, workerId, _clock.UtcNow);
        await ApplyAsync(transitioned, persist: true);
        return new ProbePermit(granted, Snapshot());
    }

    public async Task<CircuitSnapshot> IsolateAsync(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (reason.Length > Limits.MaxKeyLength)
        {
            throw new ArgumentException($"'reason' is {reason.Length} characters long; the limit is {Limits.MaxKeyLength}.", nameof(reason));
        }

        Policy.Isolate(_state.State, reason, _clock.UtcNow);
        await ApplyAsync(transitioned: true, persist: true);
        return Snapshot();
    }

    public async Task<CircuitSnapshot> ConfigureAsync(RecoveryCluster.Policies.BreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _state.State.Overrides = settings;
        Rebuild(settings);

        // The new rules may already decide (a lower threshold than the failures counted): the next signal applies them.
        await _state.WriteStateAsync();
        return Snapshot();
    }

    public async Task<CircuitSnapshot> ResetAsync()
    {
        Policy.Reset(_state.State, _clock.UtcNow);
        await ApplyAsync(transitioned: true, persist: true);
        return Snapshot();
    }

    public async Task<CircuitSnapshot> SubscribeAsync(ICircuitObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return await GetSnapshotAsync();
    }

    public Task UnsubscribeAsync(ICircuitObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private static void Validate(FailureSignal failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Guard.Key(failure.WorkerId, "workerId");
        Guard.Defined(failure.Type, "type");
        Guard.Defined(failure.Severity, "severity");
    }

    private static void Validate(BreakerSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Guard.Key(signal.WorkerId, "workerId");
        if (signal.Failure is { } failure)
        {
            Validate(failure);
        }
    }

    private CircuitSnapshot Snapshot() => Policy.Snapshot(Component, _state.State, _clock.UtcNow);

    /// <param name="transitioned">The state moved: written now, before anyone hears of it.</param>
    /// <param name="persist">Counts changed: written with the next timer tick.</param>
    private async Task ApplyAsync(bool transitioned, bool persist)
    {
        if (!transitioned)
        {
            if (persist)
            {
                _countWrites.MarkDirty();
            }

            return;
        }

        _countWrites.Discard();
        await _state.WriteStateAsync();

        var snapshot = Snapshot();
        LogTransition(Component, snapshot.State, snapshot.Version, snapshot.LastFailure);
        _instruments.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", snapshot.State.ToString()));
        _observers.Notify(o => o.OnCircuitChanged(snapshot));
        _events.Publish(ErrorEvents.CircuitChanged(snapshot, _clock.UtcNow));
        ScheduleHalfOpen();
        if (snapshot.State == CircuitState.Open)
        {
            await RemindToHalfOpenAsync();
        }
    }

    private async Task RemindToHalfOpenAsync()
    {
        if (!HasReminders || _state.State.RetryAfter is not { } retryAfter)
        {
            return;
        }

        var due = retryAfter - _clock.UtcNow;
        await this.RegisterOrUpdateReminder(HalfOpenReminder, due > TimeSpan.Zero ? due : TimeSpan.FromSeconds(1), _defaults.CurrentValue.HalfOpenReminderPeriod);
    }

    private async Task ForgetReminderAsync()
    {
        if (HasReminders && await this.GetReminder(HalfOpenReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>An open circuit moves to half-open on its own, so subscribers hear of it without anyone asking.</summary>
    private void ScheduleHalfOpen()
    {
        _halfOpenTimer?.Dispose();
        _halfOpenTimer = null;
        if (_state.State.State != CircuitState.Open || _state.State.RetryAfter is not { } retryAfter)
        {
            return;
        }

        var due = retryAfter - _clock.UtcNow;
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        _halfOpenTimer = this.RegisterGrainTimer(
            async _ =>
            {
                var transitioned = Policy.Refresh(_state.State, _clock.UtcNow);
                if (transitioned)
                {
                    await ApplyAsync(transitioned, persist: true);
                }
            },
            new GrainTimerCreationOptions { DueTime = due, Period = TimeSpan.FromSeconds(1), KeepAlive = true });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit '{Component}' is now {State} (version {Version}); last failure: {LastFailure}")]
    private partial void LogTransition(string component, CircuitState state, long version, string? lastFailure);
}
