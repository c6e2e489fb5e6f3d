using RecoveryCluster.Analytics;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// Flags values far from their series' recent behaviour: each (metric, subject) series has a sliding window; a value
/// more than <see cref="AnomalyOptions.Threshold"/> standard deviations from the window's mean is an anomaly. Every
/// value then joins its window, so a lasting change becomes the new normal.
/// </summary>
public sealed class AnomalyDetector(AnomalyOptions options)
{
    /// <summary>Most series tracked; past it new subjects are not watched (a bound against unbounded component names).</summary>
    public const int MaxSeries = 10_000;

    private readonly Dictionary<(string Metric, string Subject), SlidingWindow> _series = [];

    public int SeriesCount => _series.Count;

    /// <summary>Adds a value and returns the anomaly it is, if it is one.</summary>
    public Anomaly? Observe(string metric, string subject, double value, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(subject);
        if (!double.IsFinite(value))
        {
            return null;
        }

        if (!_series.TryGetValue((metric, subject), out var window))
        {
            if (_series.Count >= MaxSeries)
            {
                return null;
            }

            window = new SlidingWindow(options.WindowSize);
            _series[(metric, subject)] = window;
        }

        var anomaly = Judge(metric, subject, value, window, at);
        window.Add(value);
        return anomaly;
    }

    private Anomaly? Judge(string metric, string subject, double value, SlidingWindow window, DateTimeOffset at)
    {
        if (window.Count < options.MinSamples)
        {
            return null;
        }

        var mean = window.Mean;

        // A floor under the deviation: in a flat (or nearly flat) series a small one-off change would otherwise be
        // infinitely many deviations out; with the floor only a change large against the series' level counts.
        var deviation = Math.Max(window.StandardDeviation, Math.Max(options.MinDeviationShare * Math.Abs(mean), options.MinDeviation));
        var sigmas = Math.Abs(value - mean) / deviation;
        if (sigmas <= options.Threshold)
        {
            return null;
        }

        return new Anomaly(metric, subject, value, mean, deviation, Severity(sigmas, options.Threshold), window.Count, at);
    }

    /// <summary>0.5 just past the threshold, rising linearly to 1 at twice the threshold.</summary>
    public static double Severity(double sigmas, double threshold) => Math.Clamp(sigmas / (2 * threshold), 0, 1);
}
