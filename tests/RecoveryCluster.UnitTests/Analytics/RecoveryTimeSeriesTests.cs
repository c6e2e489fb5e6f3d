using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.UnitTests.Analytics;

public sealed class RecoveryTimeSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 8, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Buckets_hold_success_impact_stability_and_each_strategy_oldest_first_and_skip_empty_ones()
    {
        var records = new[]
        {
            Records.At(T0.AddHours(2).AddMinutes(59), strategy: "reconnect", success: false, impact: 0.4, stability: 0.2),
            Records.At(T0.AddMinutes(5), strategy: "retry", success: true, impact: 0.1, stability: 0.9),
            Records.At(T0.AddMinutes(59), strategy: "retry", success: false, impact: 0.3, stability: null),
            Records.At(T0.AddMinutes(30), strategy: "reconnect", success: true, impact: 0.2, stability: 0.7),
        };

        var series = RecoveryTimeSeries.Compute(records, TimeSpan.FromHours(1));

        Assert.Equal([T0, T0.AddHours(2)], series.Points.Select(p => p.Start));
        var first = series.Points[0];
        Assert.Equal((3L, 2L), (first.Executions, first.Successes));
        Assert.Equal(2.0 / 3, first.SuccessRate, 9);
        Assert.Equal(0.2, first.AverageImpact, 9);
        Assert.Equal(2, first.StabilitySamples);
        Assert.Equal(0.8, first.AverageStability!.Value, 9);
        Assert.Equal(new StrategyPoint(2, 1, 0.5), first.Strategies["retry"]);
        Assert.Equal(new StrategyPoint(1, 1, 1.0), first.Strategies["reconnect"]);
        Assert.Equal(["reconnect"], series.Points[1].Strategies.Keys);
        Assert.Equal(0.2, series.Points[1].AverageStability!.Value, 9);
    }

    [Fact]
    public void A_bucket_without_measured_stability_has_none_rather_than_zero()
    {
        var series = RecoveryTimeSeries.Compute([Records.At(T0, stability: null)], TimeSpan.FromMinutes(1));

        Assert.Null(Assert.Single(series.Points).AverageStability);
        Assert.Equal(0, series.Points[0].StabilitySamples);
    }

    [Fact]
    public void Time_per_level_is_the_mean_per_attempt_and_per_error_that_reached_the_level()
    {
        // e1 spends 2 + 4 s at level 1, e2 3 s at level 1 and then 10 s at level 2.
        var records = new[]
        {
            Records.At(T0, "e1", level: RecoveryLevel.Basic, seconds: 2, success: false),
            Records.At(T0.AddSeconds(5), "e1", level: RecoveryLevel.Basic, seconds: 4),
            Records.At(T0, "e2", level: RecoveryLevel.Basic, seconds: 3, success: false),
            Records.At(T0.AddSeconds(5), "e2", level: RecoveryLevel.Enhanced, seconds: 10),
        };

        var series = RecoveryTimeSeries.Compute(records, TimeSpan.FromDays(1));

        Assert.Equal(["1", "2"], series.Levels.Keys);
        Assert.Equal(new LevelTime(3, 2, 3.0, 4.5), series.Levels["1"]);
        Assert.Equal(new LevelTime(1, 1, 10.0, 10.0), series.Levels["2"]);
        Assert.Equal(3.0, series.Points.Single().LevelSeconds["1"], 9);
        Assert.Equal(10.0, series.Points.Single().LevelSeconds["2"], 9);
    }

    [Fact]
    public void Day_buckets_begin_at_midnight_utc_whatever_the_offset_of_the_timestamp()
    {
        var late = new DateTimeOffset(2026, 1, 8, 23, 30, 0, TimeSpan.FromHours(-5)); // 04:30 UTC on the 9th

        Assert.Equal(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), RecoveryTimeSeries.BucketStart(late, TimeSpan.FromDays(1)));
    }
}
