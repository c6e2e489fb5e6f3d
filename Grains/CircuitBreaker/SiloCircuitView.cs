using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Grains.PerSilo;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>
/// What a silo's error grains know of the breakers, and how they tell them, without a breaker call per report.
/// Failures and probe successes go in batches (<see cref="RecoveryOptions.BatchInterval"/>); the breaker still
/// decides alone on each, in the order sent. The state comes from the breaker's pushes (the silo subscribes to every
/// breaker it uses, as workers do), its answer to each batch, or a read when the copy is older than
/// <see cref="RecoveryOptions.CachedStateMaxAge"/>: a report meets a state at most one push behind, and never more
/// than that age if a push is lost.
/// </summary>
public sealed partial class SiloCircuitView : IAsyncDisposable
{
    private const int Capacity = 100_000;

    /// <summary>Below the breaker's observer expiry (5 min), so a subscription in use never lapses.</summary>
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    /// <summary>A breaker no error grain of this silo asked about for this long is no longer followed.</summary>
    private static readonly TimeSpan FollowFor = TimeSpan.FromMinutes(5);

    private readonly IGrainFactory _grains;
    private readonly ILogger<SiloCircuitView> _logger;
    private readonly ReadThroughCache<CircuitSnapshot> _states;
    private readonly OutboundBatcher<BreakerSignal> _signals;
    private readonly ConcurrentDictionary<string, long> _followed = new(StringComparer.Ordinal);
    private readonly SiloCircuitObserver _observerObject;
    private readonly Lazy<ICircuitObserver> _observer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _renewalsGate = new();
    private Task? _renewals;
    private long _pushesHeard;

    public SiloCircuitView(IGrainFactory grains, RecoveryClock clock, IOptions<RecoveryOptions> options, ILogger<SiloCircuitView> logger)
    {
        _grains = grains;
        _logger = logger;
        _states = new ReadThroughCache<CircuitSnapshot>(
            component => Breaker(component).GetSnapshotAsync(),
            supersedes: (heard, kept) => heard.Version >= kept.Version,
            expired: (kept, now) => kept.State == CircuitState.Open && kept.RetryAfter <= now,
            clock,
            options.Value.CachedStateMaxAge);
        _signals = new OutboundBatcher<BreakerSignal>("breaker signals", SendAsync, options.Value.BatchInterval, Capacity, logger);
        // Orleans holds observer objects weakly: this field keeps the silo's one alive as long as the view.
        _observerObject = new SiloCircuitObserver(snapshot =>
        {
            Interlocked.Increment(ref _pushesHeard);
            _states.Observe(snapshot.Component, snapshot);
        });
        _observer = new Lazy<ICircuitObserver>(() => grains.CreateObjectReference<ICircuitObserver>(_observerObject));
    }

    /// <summary>Transitions the breakers pushed to this silo.</summary>
    public long PushesHeard => Interlocked.Read(ref _pushesHeard);

    public ValueTask<CircuitSnapshot> GetAsync(string component)
    {
        Follow(component);
        return _states.GetAsync(component);
    }

    /// <summary>
    /// Takes a state this silo was answered with outside the view (an operator's isolate or reset through this silo's
    /// API), so the next report here meets it without waiting for the push.
    /// </summary>
    public CircuitSnapshot Observe(CircuitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _states.Observe(snapshot.Component, snapshot);
        return snapshot;
    }

    public void Failure(string component, FailureSignal failure) => _signals.Enqueue(component, BreakerSignal.Of(failure));

    public void ProbeSuccess(string component, string workerId) => _signals.Enqueue(component, BreakerSignal.ProbeSuccess(workerId));

    /// <summary>Completes when every signal given before the call has reached its breaker.</summary>
    public Task FlushAsync() => _signals.FlushAsync();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_renewals is { } renewals)
        {
            await renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private void Follow(string component)
    {
        var now = Stopwatch.GetTimestamp();
        if (_followed.TryGetValue(component, out var last) && Stopwatch.GetElapsedTime(last, now) < RenewEvery)
        {
            return;
        }

        if (_followed.TryAdd(component, now))
        {
            // Off the grain scheduler: a silo makes observer references outside any grain.
            _ = Task.Run(() => SubscribeAsync(component));
            EnsureRenewing();
            return;
        }

        _followed[component] = now;
    }

    private void EnsureRenewing()
    {
        if (_renewals is not null)
        {
            return;
        }

        lock (_renewalsGate)
        {
            _renewals ??= Task.Run(RenewAsync);
        }
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var (component, lastAsked) in _followed)
                {
                    if (Stopwatch.GetElapsedTime(lastAsked) > FollowFor)
                    {
                        // Unused here: the breaker drops the subscription when it expires.
                        _followed.TryRemove(component, out _);
                        continue;
                    }

                    await SubscribeAsync(component).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping.
        }
    }

    private async Task SubscribeAsync(string component)
    {
        try
        {
            _states.Observe(component, await Breaker(component).SubscribeAsync(_observer.Value).ConfigureAwait(false));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The copy still expires after CachedStateMaxAge, and the next renewal tries again.
            LogSubscribeFailed(component, error.Message);
        }
    }

    private async Task SendAsync(string component, IReadOnlyList<BreakerSignal> signals)
    {
        foreach (var chunk in signals.Chunk(Limits.MaxSiloBatch))
        {
            _states.Observe(component, await Breaker(component).RecordSignalsAsync(chunk));
        }
    }

    private ICircuitBreakerGrain Breaker(string component) => _grains.GetGrain<ICircuitBreakerGrain>(component);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo could not subscribe to breaker '{Component}' ({Reason}); its copy of the state is read again when it ages")]
    private partial void LogSubscribeFailed(string component, string reason);
}
