using RecoveryCluster.Grains.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

public sealed class AdaptiveTimeoutTests
{
    // The defaults of StrategyStatsOptions: base 30 s, min 5 s, max 300 s.
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(300);

    private static TimeSpan Seconds(double value) => TimeSpan.FromSeconds(value);

    [Theory]
    [InlineData(30.0, 27.0)]
    [InlineData(100.0, 90.0)]
    [InlineData(300.0, 270.0)]
    [InlineData(17.0, 15.3)]
    public void A_success_shrinks_the_timeout_by_a_tenth(double current, double expected)
    {
        // The attempt ran under the timeout the plan handed out, the current one.
        Assert.Equal(Seconds(expected), AdaptiveTimeout.Next(Seconds(current), success: true, Seconds(current), Min, Max));
    }

    [Theory]
    [InlineData(16.0)]
    [InlineData(16.6)]
    [InlineData(15.0)]
    [InlineData(10.0)]
    public void A_success_never_goes_below_half_the_timeout_the_attempt_ran_under(double current)
    {
        // The attempt ran under 30 s (the timeout moved on meanwhile): 16 * 0.9 = 14.4 < 15; 16.6 * 0.9 = 14.94 < 15.
        Assert.Equal(Seconds(15), AdaptiveTimeout.Next(Seconds(current), success: true, Base, Min, Max));
    }

    [Fact]
    public void A_success_never_goes_below_the_minimum_when_it_exceeds_half_the_timeout_run_under()
    {
        var ranUnder = Seconds(8); // half of it, 4 s, is below the 5 s minimum
        Assert.Equal(Seconds(5), AdaptiveTimeout.Next(Seconds(5.2), success: true, ranUnder, Min, Max));
        Assert.Equal(Seconds(5), AdaptiveTimeout.Next(Seconds(5), success: true, ranUnder, Min, Max));
    }

    [Theory]
    [InlineData(30.0, 45.0)]
    [InlineData(5.0, 7.5)]
    [InlineData(100.0, 150.0)]
    [InlineData(200.0, 300.0)]
    public void A_failure_grows_the_timeout_by_half(double current, double expected)
    {
        Assert.Equal(Seconds(expected), AdaptiveTimeout.Next(Seconds(current), success: false, Seconds(current), Min, Max));
    }

    [Theory]
    [InlineData(201.0)]
    [InlineData(250.0)]
    [InlineData(300.0)]
    [InlineData(1000.0)]
    public void A_failure_never_goes_above_the_maximum(double current)
    {
        Assert.Equal(Max, AdaptiveTimeout.Next(Seconds(current), success: false, Seconds(current), Min, Max));
    }

    [Fact]
    public void Repeated_successes_each_under_the_timeout_handed_out_converge_exactly_to_the_minimum_and_stay_there()
    {
        var timeout = Max;
        for (var i = 0; i < 100; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: true, timeout, Min, Max);
            Assert.True(timeout >= Min, $"step {i}: {timeout} fell below the 5 s minimum");
        }

        Assert.Equal(Min, timeout);
    }

    [Fact]
    public void Repeated_failures_converge_exactly_to_the_maximum_and_stay_there()
    {
        var timeout = Min;
        for (var i = 0; i < 100; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: false, timeout, Min, Max);
            Assert.True(timeout <= Max, $"step {i}: {timeout} rose above the 300 s ceiling");
        }

        Assert.Equal(Max, timeout);
    }

    [Fact]
    public void From_the_base_successes_go_27_24_3_21_87_down_to_the_5_s_minimum_and_one_failure_makes_it_7_5()
    {
        // The sequence from the default: 30 -> 27 -> 24.3 -> 21.87 -> ... -> 5.00315 (after 17) -> 5.0.
        var timeout = Base;
        var steps = new List<TimeSpan>();
        for (var i = 0; i < 17; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: true, timeout, Min, Max);
            steps.Add(timeout);
        }

        Assert.Equal([Seconds(27), Seconds(24.3), Seconds(21.87)], steps.Take(3));
        Assert.Equal(5.00315, timeout.TotalSeconds, 5);
        timeout = AdaptiveTimeout.Next(timeout, success: true, timeout, Min, Max);
        Assert.Equal(Min, timeout);
        Assert.Equal(Seconds(7.5), AdaptiveTimeout.Next(timeout, success: false, timeout, Min, Max));
    }

    [Fact]
    public void Reaches_the_ceiling_after_six_failures_from_the_base()
    {
        // 30 -> 45 -> 67.5 -> 101.25 -> 151.875 -> 227.8125 -> min(341.71875, 300) = 300.
        var timeout = Base;
        for (var i = 0; i < 5; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: false, timeout, Min, Max);
        }

        Assert.Equal(Seconds(227.8125), timeout);
        Assert.Equal(Max, AdaptiveTimeout.Next(timeout, success: false, timeout, Min, Max));
    }

    [Fact]
    public void Factors_are_those_of_the_design()
    {
        Assert.Equal(0.9, AdaptiveTimeout.ShrinkFactor);
        Assert.Equal(1.5, AdaptiveTimeout.GrowFactor);
        Assert.Equal(0.5, AdaptiveTimeout.FloorShareOfRun);
    }
}
