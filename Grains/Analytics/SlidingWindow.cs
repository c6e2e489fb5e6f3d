namespace RecoveryCluster.Grains.Analytics;

/// <summary>The last <c>capacity</c> values of a series with their running mean and standard deviation (O(1) per value).</summary>
public sealed class SlidingWindow
{
    private readonly double[] _values;
    private int _next;
    private double _sum;
    private double _sumOfSquares;

    public SlidingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _values = new double[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _values.Length;

    public double Mean => Count == 0 ? 0 : _sum / Count;

    /// <summary>The population standard deviation of the values in the window.</summary>
    public double StandardDeviation
    {
        get
        {
            if (Count < 2)
            {
                return 0;
            }

            var mean = Mean;
            // Rounding can leave a hair below zero for a constant series.
            return Math.Sqrt(Math.Max(_sumOfSquares / Count - mean * mean, 0));
        }
    }

    public void Add(double value)
    {
        if (Count == _values.Length)
        {
            var oldest = _values[_next];
            _sum -= oldest;
            _sumOfSquares -= oldest * oldest;
        }
        else
        {
            Count++;
        }

        _values[_next] = value;
        _sum += value;
        _sumOfSquares += value * value;
        _next = (_next + 1) % _values.Length;
    }
}
