namespace RecoveryCluster.Client.Hedging;

/// <summary>
/// The recent call times of one operation (the last <see cref="Capacity"/>), for its percentile; the count of new samples
/// since the last report weighs this worker's figure in the fleet's.
/// </summary>
internal sealed class LatencyWindow
{
    public const int Capacity = 512;

    private readonly Lock _lock = new();
    private readonly long[] _ticks = new long[Capacity];
    private int _count;
    private int _next;
    private long _fresh;

    public void Record(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _ticks[_next] = elapsed.Ticks;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
            _fresh++;
        }
    }

    /// <summary>The <paramref name="percentile"/> of the window and the samples new since the last call; null when none are new.</summary>
    public (long Calls, TimeSpan Quantile)? Take(double percentile)
    {
        long[] sorted;
        long fresh;
        lock (_lock)
        {
            if (_fresh == 0)
            {
                return null;
            }

            fresh = _fresh;
            _fresh = 0;
            sorted = _ticks[.._count];
        }

        Array.Sort(sorted);
        var index = Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1);
        return (fresh, TimeSpan.FromTicks(sorted[index]));
    }
}
