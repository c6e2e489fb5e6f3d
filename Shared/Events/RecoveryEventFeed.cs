using System.Collections.Immutable;

namespace RecoveryCluster.Events;

/// <summary>
/// A process's link to the event hub: one observer for the whole process, subscribed on first use and renewed on a
/// timer (hub subscriptions expire, and vanish when the hub's silo restarts), fanned out to any number of
/// <see cref="RecoveryEventSubscription"/>s. Delivery never waits: each subscription has its own bounded buffer.
/// Events reach the subscriptions in the hub's order (see <see cref="EventSequencer"/>).
/// </summary>
public sealed class RecoveryEventFeed : IRecoveryEventObserver, IAsyncDisposable
{
    /// <summary>Subscription buffer size when the caller names none.</summary>
    public const int DefaultCapacity = 1024;

    /// <summary>Largest subscription buffer.</summary>
    public const int MaxCapacity = 100_000;

    /// <summary>How long an event that overtook an earlier one waits for it.</summary>
    public static readonly TimeSpan ReorderWait = TimeSpan.FromMilliseconds(250);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly TimeSpan _renewEvery;
    private readonly Action<Exception>? _renewFailed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Lock _delivery = new();
    private readonly EventSequencer _sequencer = new(ReorderWait);
    private ITimer? _expiry;
    private bool _expiryArmed;
    private ImmutableArray<RecoveryEventSubscription> _subscriptions = [];
    private IRecoveryEventObserver? _reference;
    private Task? _subscribed;
    private Task? _renewLoop;
    private long _dropped;
    private long _received;

    /// <param name="renewEvery">How often the hub subscription is renewed; keep it well below the hub's five-minute expiry (<see cref="HubExpiry"/>).</param>
    /// <param name="renewFailed">Told of a failed renewal (the next one tries again).</param>
    public RecoveryEventFeed(IGrainFactory grains, TimeProvider time, TimeSpan renewEvery, Action<Exception>? renewFailed = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(renewEvery, TimeSpan.Zero);
        _grains = grains;
        _time = time;
        _renewEvery = renewEvery;
        _renewFailed = renewFailed;
    }

    /// <summary>How long the hub keeps a subscription that is not renewed.</summary>
    public static TimeSpan HubExpiry { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Open subscriptions.</summary>
    public int Subscribers => _subscriptions.Length;

    /// <summary>Events dropped because a subscription's buffer was full, all subscriptions together.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events received from the hub.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Times an event waited for an earlier one that never came (a lost batch).</summary>
    public long GapsSkipped
    {
        get
        {
            lock (_delivery)
            {
                return _sequencer.GapsSkipped;
            }
        }
    }

    /// <summary>
    /// Opens a subscription; returns once the hub knows this process, so every event published afterwards reaches it.
    /// </summary>
    public async Task<RecoveryEventSubscription> SubscribeAsync(RecoveryEventFilter? filter = null, int capacity = DefaultCapacity, CancellationToken cancellationToken = default)
    {
        if (capacity < 1 || capacity > MaxCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"'capacity' must lie between 1 and {MaxCapacity}.");
        }

        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var subscription = new RecoveryEventSubscription(filter ?? RecoveryEventFilter.All, capacity, Release);
        Task subscribed;
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
            if (_subscribed is null || _subscribed.IsFaulted)
            {
                _reference ??= _grains.CreateObjectReference<IRecoveryEventObserver>(this);
                _subscribed = SubscribeToHubAsync(_reference);
                _renewLoop ??= RenewAsync();
            }

            subscribed = _subscribed;
        }

        try
        {
            await subscribed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        return subscription;
    }

    /// <summary>Called by the hub (one-way); hands each event to every subscription without waiting.</summary>
    public void OnEvents(IReadOnlyList<RecoveryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Interlocked.Add(ref _received, events.Count);
        lock (_delivery)
        {
            Deliver(_sequencer.Accept(events, _time.GetTimestamp()));
            if (_sequencer.Held > 0 && !_expiryArmed && !_stopping.IsCancellationRequested)
            {
                _expiry ??= _time.CreateTimer(_ => ReleaseOverdue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _expiry.Change(ReorderWait, Timeout.InfiniteTimeSpan);
                _expiryArmed = true;
            }
        }
    }

    private void ReleaseOverdue()
    {
        lock (_delivery)
        {
            _expiryArmed = false;
            Deliver(_sequencer.Expire(_time.GetTimestamp(), _time));
            if (_sequencer.Held > 0 && !_stopping.IsCancellationRequested)
            {
                _expiry?.Change(ReorderWait, Timeout.InfiniteTimeSpan);
                _expiryArmed = true;
            }
        }
    }

    /// <summary>Hands events to every subscription, never waiting; called under the delivery lock, so in order.</summary>
    private void Deliver(IReadOnlyList<RecoveryEvent> events)
    {
        var subscriptions = _subscriptions;
        foreach (var e in events)
        {
            foreach (var subscription in subscriptions)
            {
                if (!subscription.Offer(e))
                {
                    Interlocked.Increment(ref _dropped);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_expiry is not null)
        {
            await _expiry.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        if (_renewLoop is not null)
        {
            await _renewLoop.ConfigureAwait(false);
        }

        if (_reference is not null)
        {
            try
            {
                await Hub.UnsubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(2), _time).ConfigureAwait(false);
            }
            catch (Exception error) when (error is TimeoutException or OrleansException or ObjectDisposedException or InvalidOperationException)
            {
                // The hub forgets the subscription when it expires.
            }

            _grains.DeleteObjectReference<IRecoveryEventObserver>(_reference);
        }

        _stopping.Dispose();
    }

    private async Task SubscribeToHubAsync(IRecoveryEventObserver reference)
    {
        var next = await Hub.SubscribeAsync(reference).ConfigureAwait(false);
        lock (_delivery)
        {
            Deliver(_sequencer.Start(next));
        }
    }

    private IRecoveryEventHubGrain Hub => _grains.GetGrain<IRecoveryEventHubGrain>(IRecoveryEventHubGrain.DefaultKey);

    private void Release(RecoveryEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_renewEvery, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    var next = await Hub.SubscribeAsync(_reference!).WaitAsync(_renewEvery, _time, _stopping.Token).ConfigureAwait(false);
                    lock (_delivery)
                    {
                        Deliver(_sequencer.Renewed(next));
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    _renewFailed?.Invoke(error);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
