using System.Globalization;
using System.Threading.RateLimiting;
using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>
/// This worker's side of one component's fleet limits: the local limiters sized by the lease, and what the next renewal
/// reports (the demand, including refused calls, and the calls' outcomes for the adaptive limit).
/// </summary>
internal sealed class ComponentLimiter : IDisposable
{
    private readonly ConcurrencyShare _concurrency = new();
    private readonly RateShare _rate = new();
    private readonly TimeProvider _time;
    private readonly Lock _statsLock = new();

    /// <summary>A pushed lease and a renewal's may arrive at once: each is checked and applied whole.</summary>
    private readonly Lock _leaseLock = new();
    private int _wanting;
    private int _peakWanting;
    private long _wanted;
    private long _calls;
    private long _failures;
    private long _latencyTicks;
    private long _windowStart;

    /// <summary>A moving mean of the call time (one tenth per call), kept apart from the per-renewal counters.</summary>
    private long _smoothedLatencyTicks;
    private int _renewing;
    private int _pushes;

    public ComponentLimiter(string component, TimeProvider time)
    {
        Component = component;
        _time = time;
        _windowStart = time.GetTimestamp();
    }

    public string Component { get; }

    public LimitLease? Lease { get; private set; }

    /// <summary>When the next renewal is due (a timestamp of the client's clock).</summary>
    public long RenewAt { get; private set; }

    /// <summary>True while no limit of either kind is in force: calls pass without a permit.</summary>
    public bool IsUnlimited => _concurrency.Limit is null && _rate.Limit is null;

    public int InFlight => _concurrency.InFlight;

    /// <summary>How many leases were pushed so far; a renewal notes it when it starts (see <see cref="ApplyRenewal"/>).</summary>
    public int Pushes => Volatile.Read(ref _pushes);

    /// <summary>A lease pushed on a policy change: always applied (a silo that lost its state restarts the versions).</summary>
    public void ApplyPushed(LimitLease lease)
    {
        lock (_leaseLock)
        {
            Interlocked.Increment(ref _pushes);
            Apply(lease);
        }
    }

    /// <summary>
    /// A renewal's answer, unless a newer policy's lease was pushed while it was under way (the answer then predates the
    /// change: the pushed lease stays, and only the renewal time moves). False when it was not applied.
    /// </summary>
    public bool ApplyRenewal(LimitLease lease, int pushesWhenStarted)
    {
        lock (_leaseLock)
        {
            if (Pushes != pushesWhenStarted && Lease is { } pushed && pushed.Version > lease.Version)
            {
                RenewAt = NextRenewal(lease);
                return false;
            }

            Apply(lease);
            return true;
        }
    }

    /// <summary>Puts the next renewal <paramref name="delay"/> from now (after a failed one).</summary>
    public void RetryIn(TimeSpan delay) => RenewAt = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Claims the renewal, so two never run at once; false when one is under way.</summary>
    public bool TryBeginRenewal() => Interlocked.Exchange(ref _renewing, 1) == 0;

    public void EndRenewal() => Volatile.Write(ref _renewing, 0);

    /// <summary>Takes a permit for one call or throws <see cref="FleetLimitRejectedException"/>.</summary>
    public Permit Enter()
    {
        if (TryEnter(out var permit, out var kind, out var refill))
        {
            return permit;
        }

        FleetLimitMetrics.Rejected.Add(1);
        if (kind == FleetLimitKind.Rate)
        {
            throw new FleetLimitRejectedException(Component, FleetLimitKind.Rate, refill, string.Create(CultureInfo.InvariantCulture,
                $"This worker's share of the fleet rate limit of '{Component}' ({_rate.Limit:0.##} calls/s) is spent; retry after {refill?.TotalMilliseconds ?? 0:0} ms."));
        }

        // With the share's calls ending one after another, one frees every mean call time / share on average.
        var retry = MeanLatency() / Math.Max(1, _concurrency.Limit ?? 1);
        throw new FleetLimitRejectedException(Component, FleetLimitKind.Concurrency, retry, string.Create(CultureInfo.InvariantCulture,
            $"This worker's share of the fleet concurrency limit of '{Component}' ({_concurrency.Limit} calls in flight) is taken; retry after {retry.TotalMilliseconds:0} ms."));
    }

    /// <summary>
    /// Takes a permit for one call into the component if the shares allow; false otherwise. A hedged copy takes one
    /// this way: it is a call into the component like any other, but one that may simply not start.
    /// </summary>
    public bool TryEnter(out Permit permit) => TryEnter(out permit, out _, out _);

    private bool TryEnter(out Permit permit, out FleetLimitKind spent, out TimeSpan? refill)
    {
        var wanting = Interlocked.Increment(ref _wanting);
        Interlocked.Increment(ref _wanted);
        UpdatePeak(wanting);
        permit = default;
        spent = FleetLimitKind.Rate;
        if (!_rate.TryAcquire(out refill))
        {
            Interlocked.Decrement(ref _wanting);
            return false;
        }

        spent = FleetLimitKind.Concurrency;
        if (!_concurrency.TryAcquire(out var lease, out var generation))
        {
            Interlocked.Decrement(ref _wanting);
            return false;
        }

        permit = new Permit(this, lease, generation, _time.GetTimestamp());
        return true;
    }

    /// <summary>The renewal request: what this worker holds and wanted since the last one; the counters start again.</summary>
    public LeaseRequest TakeRequest(string workerId)
    {
        lock (_statsLock)
        {
            var now = _time.GetTimestamp();
            var seconds = Math.Max(0.001, (now - _windowStart) / (double)_time.TimestampFrequency);
            var request = new LeaseRequest(
                workerId, _concurrency.Limit, _rate.Limit,
                Math.Max(Interlocked.Exchange(ref _peakWanting, Volatile.Read(ref _wanting)), 1),
                Interlocked.Exchange(ref _wanted, 0) / seconds,
                Interlocked.Exchange(ref _calls, 0), Interlocked.Exchange(ref _failures, 0),
                TimeSpan.FromTicks(Interlocked.Exchange(ref _latencyTicks, 0)));
            _windowStart = now;

            // Failures counted between the two exchanges must never outnumber the calls.
            return request.Failures > request.Calls ? request with { Failures = request.Calls } : request;
        }
    }

    /// <summary>Under <see cref="_leaseLock"/>: the check of a renewal against a push and the apply are one step.</summary>
    private void Apply(LimitLease lease)
    {
        Lease = lease;
        _concurrency.Resize(lease.Concurrency);
        _rate.Resize(lease.RatePerSecond);
        RenewAt = NextRenewal(lease);
    }

    private long NextRenewal(LimitLease lease) => _time.GetTimestamp() + (long)(lease.RenewAfter.TotalSeconds * _time.TimestampFrequency);

    public void Dispose()
    {
        _concurrency.Dispose();
        _rate.Dispose();
    }

    private void Exit(RateLimitLease? lease, int generation, long started, bool failed)
    {
        _concurrency.Release(lease, generation);
        Interlocked.Decrement(ref _wanting);
        var elapsed = _time.GetElapsedTime(started).Ticks;
        Interlocked.Add(ref _latencyTicks, elapsed);

        // A racing update may be lost; the mean is a hint for RetryAfter, not a measurement.
        var smoothed = Volatile.Read(ref _smoothedLatencyTicks);
        Volatile.Write(ref _smoothedLatencyTicks, smoothed == 0 ? elapsed : smoothed + ((elapsed - smoothed) / 10));
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }

        Interlocked.Increment(ref _calls);
    }

    private TimeSpan MeanLatency()
    {
        var mean = TimeSpan.FromTicks(Volatile.Read(ref _smoothedLatencyTicks));
        return mean > TimeSpan.FromMilliseconds(1) ? mean : TimeSpan.FromMilliseconds(1);
    }

    private void UpdatePeak(int wanting)
    {
        var peak = Volatile.Read(ref _peakWanting);
        while (wanting > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakWanting, wanting, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    /// <summary>One call's permit; <see cref="Complete"/> exactly once.</summary>
    internal readonly struct Permit(ComponentLimiter owner, RateLimitLease? lease, int generation, long started)
    {
        public void Complete(bool failed) => owner.Exit(lease, generation, started, failed);
    }
}
