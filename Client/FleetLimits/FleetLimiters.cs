using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Hedging;
using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>
/// This worker's shares of the fleet-wide limits, one <see cref="ComponentLimiter"/> per component; the lease also carries
/// the component's hedging settings (handed to <see cref="HedgedOperations"/>). A call costs no grain
/// call: the first call of a component asks for a lease, and a background loop renews the leases (five times per lease;
/// a policy change comes pushed with the new lease). When the cluster cannot be reached the last share stays in force, and a
/// component whose first lease could not be had runs unlimited until a renewal succeeds (as the gate falls back to the
/// worker's own breaker: the cluster being away must not stop the worker).
/// </summary>
internal sealed partial class FleetLimiters : IAsyncDisposable
{
    /// <summary>How often the loop looks for leases due for renewal.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>After a failed renewal, the next try.</summary>
    private static readonly TimeSpan RetryFailedRenewal = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly string _workerId;
    private readonly TimeSpan _callTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClusterConnectionStatus _connection;
    private readonly Func<string, Task> _alongsideFirstLease;
    private readonly HedgedOperations _hedging;
    private readonly ConcurrentDictionary<string, Task<ComponentLimiter>> _limiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly FleetLimitObserver _observer;
    private readonly Lazy<IFleetLimitObserver?> _observerReference;
    private Task? _renewals;
    private int _loopStarted;

    /// <param name="alongsideFirstLease">
    /// Started with a component's first lease request and awaited with it (the gate's subscription), so a first call
    /// waits for one cluster round trip, and at most one call timeout, rather than two in a row.
    /// </param>
    public FleetLimiters(
        IGrainFactory grains, string workerId, TimeSpan callTimeout, TimeProvider time, ILogger logger, ClusterConnectionStatus connection,
        Func<string, Task> alongsideFirstLease, HedgedOperations hedging)
    {
        _hedging = hedging;
        _connection = connection;
        _alongsideFirstLease = alongsideFirstLease;
        _grains = grains;
        _workerId = Guard.Key(workerId, nameof(workerId));
        _callTimeout = callTimeout;
        _time = time;
        _logger = logger;
        _observer = new FleetLimitObserver(ApplyPushed);
        _observerReference = new(() =>
        {
            try
            {
                return grains.CreateObjectReference<IFleetLimitObserver>(_observer);
            }
            catch (InvalidOperationException)
            {
                // A grain factory that is not a client (inside a silo) cannot host observers: renewals alone carry changes.
                return null;
            }
        });
    }

    /// <summary>Raised after each lease is applied (first, renewed or pushed); for measurements, not for control.</summary>
    public event Action<LimitLease>? LeaseApplied;

    /// <summary>
    /// Runs <paramref name="call"/> under the component's fleet limits, or throws <see cref="FleetLimitRejectedException"/>.
    /// The call is handed the limiter (null when no limit is in force), for the hedged copies it may make.
    /// </summary>
    public async Task<T> RunAsync<T>(string component, Func<ComponentLimiter?, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var limiter = await GetAsync(component).ConfigureAwait(false);
        if (limiter.IsUnlimited)
        {
            return await call(null, cancellationToken).ConfigureAwait(false);
        }

        var permit = limiter.Enter();
        var failed = true;
        try
        {
            var value = await call(limiter, cancellationToken).ConfigureAwait(false);
            failed = false;
            return value;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: says nothing about the component's health.
            failed = false;
            throw;
        }
        finally
        {
            permit.Complete(failed);
        }
    }

    /// <summary>True when the component's lease is in hand and sets no limit, so a call need not pass the limiter.</summary>
    public bool IsKnownUnlimited(string component) =>
        _limiters.TryGetValue(component, out var known) && known.IsCompletedSuccessfully && known.Result.IsUnlimited;

    /// <summary>The component's limiter when its lease is in hand and sets a limit (what a hedged copy takes a permit of).</summary>
    public ComponentLimiter? LimitedOrNull(string component) =>
        _limiters.TryGetValue(component, out var known) && known.IsCompletedSuccessfully && !known.Result.IsUnlimited ? known.Result : null;

    /// <summary>The component's limiter, asking for its first lease on first use.</summary>
    public async ValueTask<ComponentLimiter> GetAsync(string component)
    {
        if (_limiters.TryGetValue(component, out var known) && known.IsCompletedSuccessfully)
        {
            return known.Result;
        }

        var first = _limiters.GetOrAdd(component, FirstLeaseAsync);
        try
        {
            await Task.WhenAll(first, _alongsideFirstLease(component)).ConfigureAwait(false);
        }
        catch when (first.IsFaulted)
        {
            // Not kept: the next call asks again instead of failing on this one's error for good.
            _limiters.TryRemove(new KeyValuePair<string, Task<ComponentLimiter>>(component, first));
            throw;
        }

        return first.Result;
    }

    private async Task<ComponentLimiter> FirstLeaseAsync(string component)
    {
        var limiter = new ComponentLimiter(component, _time);
        await RenewAsync(limiter).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _loopStarted, 1) == 0)
        {
            _renewals = RenewLoopAsync();
        }

        return limiter;
    }

    /// <summary>A lease pushed on a policy change; a component still waiting for its first lease gets the new policy in it.</summary>
    private void ApplyPushed(LimitLease lease)
    {
        if (lease is null || !_limiters.TryGetValue(lease.Component, out var task) || !task.IsCompletedSuccessfully)
        {
            return;
        }

        task.Result.ApplyPushed(lease);
        Applied(lease);
    }

    private void Applied(LimitLease lease)
    {
        _hedging.Apply(lease);
        LeaseApplied?.Invoke(lease);
    }

    /// <summary>Renews unless another renewal of the same lease is under way.</summary>
    private async Task RenewClaimedAsync(ComponentLimiter limiter)
    {
        if (!limiter.TryBeginRenewal())
        {
            return;
        }

        try
        {
            await RenewAsync(limiter).ConfigureAwait(false);
        }
        finally
        {
            limiter.EndRenewal();
        }
    }

    private async Task RenewLoopAsync()
    {
        using var timer = new PeriodicTimer(Tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var now = _time.GetTimestamp();
                var due = _limiters.Values.Where(t => t.IsCompletedSuccessfully && t.Result.RenewAt <= now).Select(t => RenewClaimedAsync(t.Result));
                await Task.WhenAll(due).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Renews one lease; on failure the last share stays and the next try comes after <see cref="RetryFailedRenewal"/>.</summary>
    private async Task RenewAsync(ComponentLimiter limiter)
    {
        if (!_connection.IsConnected)
        {
            limiter.RetryIn(RetryFailedRenewal);
            return;
        }

        IFleetLimitGrain grain;
        try
        {
            grain = _grains.GetGrain<IFleetLimitGrain>(limiter.Component);
        }
        catch (ArgumentException error)
        {
            // The cluster does not know the grain yet (its manifest has not arrived, or its silos predate fleet limits).
            limiter.RetryIn(RetryFailedRenewal);
            LogRenewalFailed(limiter.Component, error.Message);
            return;
        }

        try
        {
            var request = limiter.TakeRequest(_workerId) with { Observer = _observerReference.Value, Latencies = _hedging.TakeLatencies(limiter.Component) };
            var pushes = limiter.Pushes;
            var lease = await grain.AcquireAsync(request)
                .WaitAsync(_callTimeout, _time).ConfigureAwait(false);
            if (limiter.ApplyRenewal(lease, pushes))
            {
                Applied(lease);
            }
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            FleetLimitMetrics.RenewalFailures.Add(1);
            limiter.RetryIn(RetryFailedRenewal);
            LogRenewalFailed(limiter.Component, error.Message);
        }
        catch (Exception error) when (error is not OperationCanceledException && !ClusterFailure.Is(error))
        {
            // Anything else (a refused request, a bug) must not end the loop that keeps every other lease alive.
            FleetLimitMetrics.RenewalFailures.Add(1);
            limiter.RetryIn(RetryFailedRenewal);
            LogRenewalError(limiter.Component, error);
        }
    }

    /// <summary>Stops renewing and gives the shares back, so the other workers get them without waiting for expiry.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_renewals is not null)
        {
            await _renewals.ConfigureAwait(false);
        }

        var limiters = _limiters.Values.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        try
        {
            await Task.WhenAll(limiters.Where(l => l.Lease is not null)
                .Select(l => _grains.GetGrain<IFleetLimitGrain>(l.Component).ReleaseAsync(_workerId))).WaitAsync(_callTimeout, _time).ConfigureAwait(false);
        }
        catch (Exception error) when (ClusterFailure.Is(error) || error is ObjectDisposedException)
        {
            // The leases expire on their own.
        }

        if (_observerReference.IsValueCreated && _observerReference.Value is { } reference)
        {
            try
            {
                _grains.DeleteObjectReference<IFleetLimitObserver>(reference);
            }
            catch (ObjectDisposedException)
            {
                // The Orleans client went first.
            }
        }

        foreach (var limiter in limiters)
        {
            limiter.Dispose();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewing the fleet limit lease of '{Component}' failed; the last share stays in force and the renewal is tried again")]
    private partial void LogRenewalError(string component, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fleet limit lease of '{Component}' could not be renewed ({Reason}); the last share stays in force")]
    private partial void LogRenewalFailed(string component, string reason);
}
