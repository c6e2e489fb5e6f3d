namespace RecoveryCluster.Worker.Faults;

/// <summary>Calls per second into a component over the last second, in ten buckets of 100 ms.</summary>
public sealed class CallRateMeter(TimeProvider time)
{
    private const int Buckets = 10;
    private static readonly long BucketTicks = TimeSpan.FromMilliseconds(100).Ticks;
    private readonly long _start = time.GetTimestamp();
    private readonly long[] _counts = new long[Buckets];
    private readonly long[] _bucketOf = new long[Buckets];
    private readonly Lock _lock = new();

    /// <summary>Counts one call and returns the rate including it.</summary>
    public double Add()
    {
        var bucket = time.GetElapsedTime(_start).Ticks / BucketTicks;
        lock (_lock)
        {
            var i = (int)(bucket % Buckets);
            if (_bucketOf[i] != bucket)
            {
                _bucketOf[i] = bucket;
                _counts[i] = 0;
            }

            _counts[i]++;
            long total = 0;
            for (var b = 0; b < Buckets; b++)
            {
                if (bucket - _bucketOf[b] < Buckets)
                {
                    total += _counts[b];
                }
            }

            return total;
        }
    }
}
