using System.Threading.RateLimiting;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>
/// A <see cref="TokenBucketRateLimiter"/> sized by the current lease: it refills in tenths of a second (or one token per
/// period below ten calls per second) and holds one refill, so the worker's bursts stay within its share over any tenth.
/// </summary>
internal sealed class RateShare : IDisposable
{
    private static readonly TimeSpan RefillEvery = TimeSpan.FromMilliseconds(100);

    private readonly Lock _lock = new();
    private TokenBucketRateLimiter? _limiter;
    private bool _closed;

    /// <summary>The share in force, calls per second; null: no limit.</summary>
    public double? Limit { get; private set; }

    /// <summary>Takes a token; false (with the bucket's refill time) when the share is spent.</summary>
    public bool TryAcquire(out TimeSpan? retryAfter)
    {
        retryAfter = null;
        TokenBucketRateLimiter? limiter;
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            limiter = _limiter;
        }

        if (limiter is null)
        {
            return true;
        }

        using var lease = limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : RefillEvery;
        return false;
    }

    /// <summary>Resizes to <paramref name="rate"/> calls per second (null: no limit; below one call a minute: nothing may start).</summary>
    public void Resize(double? rate)
    {
        lock (_lock)
        {
            if (Nullable.Equals(rate, Limit) && (_limiter is not null || _closed || rate is null))
            {
                return;
            }

            Limit = rate;
            _closed = rate is < 1.0 / 60;
            var old = _limiter;
            var left = old?.GetStatistics()?.CurrentAvailablePermits;
            _limiter = null;
            if (rate is { } perSecond && !_closed)
            {
                var tokens = Math.Max(1, (int)Math.Floor(perSecond * RefillEvery.TotalSeconds));
                _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = tokens,
                    TokensPerPeriod = tokens,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecond),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });

                // A new bucket starts full: start it where the old one was instead, or every resize would add a burst.
                if (left is { } available && available < tokens)
                {
                    _limiter.AttemptAcquire((int)(tokens - Math.Max(0, available))).Dispose();
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
