using System.Threading.RateLimiting;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>
/// A <see cref="ConcurrencyLimiter"/> sized by the current lease. A limiter's size is fixed, so a new lease brings a new
/// limiter; the calls still in flight on the old one are carried over as permits taken from the new one (returned as
/// those calls end, once fewer remain than were carried), so a resize never lets more calls in than the new share.
/// </summary>
internal sealed class ConcurrencyShare : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Stack<RateLimitLease> _carried = new();
    private ConcurrencyLimiter? _limiter;
    private bool _closed;
    private int _generation;
    private int _inFlight;

    /// <summary>Calls in flight admitted under an earlier share; the carried permits stand for them.</summary>
    private int _earlier;

    /// <summary>The share in force; null: no limit.</summary>
    public int? Limit { get; private set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a permit; false when the share is spent. <paramref name="generation"/> goes back to <see cref="Release"/>.</summary>
    public bool TryAcquire(out RateLimitLease? lease, out int generation)
    {
        lock (_lock)
        {
            generation = _generation;
            lease = null;
            if (_closed)
            {
                return false;
            }

            if (_limiter is not null)
            {
                lease = _limiter.AttemptAcquire(1);
                if (!lease.IsAcquired)
                {
                    lease.Dispose();
                    lease = null;
                    return false;
                }
            }

            _inFlight++;
            return true;
        }
    }

    public void Release(RateLimitLease? lease, int generation)
    {
        lock (_lock)
        {
            _inFlight--;
            lease?.Dispose();
            if (generation != _generation)
            {
                _earlier--;
                if (_carried.Count > _earlier && _carried.TryPop(out var carried))
                {
                    carried.Dispose();
                }
            }
        }
    }

    /// <summary>Resizes to <paramref name="limit"/> (null: no limit, 0: nothing may start).</summary>
    public void Resize(int? limit)
    {
        lock (_lock)
        {
            if (limit == Limit && (_limiter is not null || _closed || limit is null))
            {
                return;
            }

            var old = _limiter;
            foreach (var carried in _carried)
            {
                carried.Dispose();
            }

            _carried.Clear();
            _generation++;
            _earlier = _inFlight;
            Limit = limit;
            _closed = limit == 0;
            _limiter = limit is > 0 ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limit.Value, QueueLimit = 0 }) : null;
            if (_limiter is not null)
            {
                for (var i = 0; i < Math.Min(_earlier, limit!.Value); i++)
                {
                    _carried.Push(_limiter.AttemptAcquire(1));
                }
            }

            old?.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _limiter?.Dispose();
            _limiter = null;
        }
    }
}
