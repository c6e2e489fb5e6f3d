using RecoveryCluster.Analytics;
using RecoveryCluster.Grains.Analytics;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Analytics;

public sealed class TrendDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 8, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_planted_decline_in_success_is_reported_in_plain_words_with_the_figures()
    {
        // A day of hours at 91 % success, then the current hour at 42 %.
        var buckets = Hours(24, hour => hour == 0 ? (120, 50, 120.0) : (100, 91, 100.0));

        var finding = Assert.Single(TrendDetector.Detect("database", "reconnect", buckets, Now, new TrendOptions()));

        Assert.Equal((AnomalyMetrics.SuccessRate, TrendDirection.Worse), (finding.Metric, finding.Direction));
        Assert.Equal(0.91, finding.Baseline, 9);
        Assert.Equal(50.0 / 120, finding.Recent, 9);
        Assert.Equal(120, finding.RecentSamples);
        Assert.Equal(2300, finding.BaselineSamples);
        Assert.Equal("database/reconnect: success 91 % → 42 % in the last hour, 120 samples (against 2300 before)", finding.Summary);
    }

    [Fact]
    public void A_planted_slowdown_is_reported()
    {
        var buckets = Hours(10, hour => hour == 0 ? (40, 40, 40 * 3.0) : (40, 40, 40 * 1.0));

        var finding = Assert.Single(TrendDetector.Detect("network", "retry", buckets, Now, new TrendOptions()));

        Assert.Equal(AnomalyMetrics.ExecutionTime, finding.Metric);
        Assert.Equal("network/retry: execution time 1.0 s → 3.0 s in the last hour, 40 samples (against 360 before)", finding.Summary);
    }

    [Fact]
    public void A_recovery_in_success_is_reported_as_better_with_the_figures()
    {
        // A day at 42 %, then the current hour at 91 %: the strategy works again.
        var buckets = Hours(24, hour => hour == 0 ? (100, 91, 100.0) : (120, 50, 120.0));

        var finding = Assert.Single(TrendDetector.Detect("database", "reconnect", buckets, Now, new TrendOptions()));

        Assert.Equal((AnomalyMetrics.SuccessRate, TrendDirection.Better), (finding.Metric, finding.Direction));
        Assert.Equal(50.0 / 120, finding.Baseline, 9);
        Assert.Equal(0.91, finding.Recent, 9);
        Assert.Equal("database/reconnect: success 42 % → 91 % in the last hour, 100 samples (against 2760 before)", finding.Summary);
    }

    [Fact]
    public void A_speed_up_is_reported_as_better_and_a_small_one_not_at_all()
    {
        var faster = TrendDetector.Detect("network", "retry", Hours(10, hour => hour == 0 ? (40, 40, 40 * 1.0) : (40, 40, 40 * 3.0)), Now, new TrendOptions());
        var slightly = TrendDetector.Detect("network", "retry", Hours(10, hour => hour == 0 ? (40, 40, 40 * 0.9) : (40, 40, 40 * 1.0)), Now, new TrendOptions());

        var finding = Assert.Single(faster);
        Assert.Equal((AnomalyMetrics.ExecutionTime, TrendDirection.Better), (finding.Metric, finding.Direction));
        Assert.Equal("network/retry: execution time 3.0 s → 1.0 s in the last hour, 40 samples (against 360 before)", finding.Summary);
        Assert.Empty(slightly);
    }

    [Fact]
    public void A_stable_noisy_series_never_fires_wherever_the_window_falls()
    {
        var random = new Random(2026);
        var buckets = Hours(168, _ =>
        {
            var executions = 20 + random.Next(40);
            var successes = 0;
            var seconds = 0.0;
            for (var i = 0; i < executions; i++)
            {
                successes += random.NextDouble() < 0.8 ? 1 : 0;
                seconds += 1 + random.NextDouble();
            }

            return (executions, successes, seconds);
        });

        for (var hour = 24; hour < 168; hour++)
        {
            var now = buckets[hour].Start.AddMinutes(30);
            var visible = buckets.Take(hour + 1).ToArray();
            Assert.Empty(TrendDetector.Detect("database", "retry", visible, now, new TrendOptions()));
        }
    }

    [Fact]
    public void Too_few_samples_on_either_side_say_nothing()
    {
        var buckets = Hours(3, hour => hour == 0 ? (10, 0, 10.0) : (100, 100, 100.0));
        Assert.Empty(TrendDetector.Detect("database", "retry", buckets, Now, new TrendOptions()));
    }

    /// <summary>Hourly buckets ending with the one <see cref="Now"/> falls in; <paramref name="fill"/> gets hours back from now (0 = current).</summary>
    private static List<TimeBucketStats> Hours(int count, Func<int, (long Executions, long Successes, double Seconds)> fill)
    {
        var current = new DateTimeOffset(Now.Year, Now.Month, Now.Day, Now.Hour, 0, 0, TimeSpan.Zero);
        var buckets = new List<TimeBucketStats>();
        for (var back = count - 1; back >= 0; back--)
        {
            var (executions, successes, seconds) = fill(back);
            buckets.Add(new TimeBucketStats(current.AddHours(-back), executions, successes, seconds));
        }

        return buckets;
    }
}
