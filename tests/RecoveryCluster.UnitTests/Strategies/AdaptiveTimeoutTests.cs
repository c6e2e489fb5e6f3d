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
        Assert.Equal(Seconds(expected), AdaptiveTimeout.Next(Seconds(current), success: true, Base, Min, Max));
    }

    [Theory]
    [InlineData(16.0)]
    [InlineData(16.6)]
    [InlineData(15.0)]
    [InlineData(10.0)]
    public void A_success_never_goes_below_half_the_base_timeout(double current)
    {
        // 16 * 0.9 = 14.4 < 15; 16.6 * 0.9 = 14.94 < 15.
        Assert.Equal(Seconds(15), AdaptiveTimeout.Next(Seconds(current), success: true, Base, Min, Max));
    }

    [Fact]
    public void A_success_never_goes_below_the_minimum_when_it_exceeds_half_the_base()
    {
        var baseTimeout = Seconds(8); // half of it, 4 s, is below the 5 s minimum
        Assert.Equal(Seconds(5), AdaptiveTimeout.Next(Seconds(5.2), success: true, baseTimeout, Min, Max));
        Assert.Equal(Seconds(5), AdaptiveTimeout.Next(Seconds(5), success: true, baseTimeout, Min, Max));
    }

    [Theory]
    [InlineData(30.0, 45.0)]
    [InlineData(5.0, 7.5)]
    [InlineData(100.0, 150.0)]
    [InlineData(200.0, 300.0)]
    public void A_failure_grows_the_timeout_by_half(double current, double expected)
    {
        Assert.Equal(Seconds(expected), AdaptiveTimeout.Next(Seconds(current), success: false, Base, Min, Max));
    }

    [Theory]
    [InlineData(201.0)]
    [InlineData(250.0)]
    [InlineData(300.0)]
    [InlineData(1000.0)]
    public void A_failure_never_goes_above_the_maximum(double current)
    {
        Assert.Equal(Max, AdaptiveTimeout.Next(Seconds(current), success: false, Base, Min, Max));
    }

    [Fact]
    public void Repeated_successes_converge_exactly_to_half_the_base_and_stay_there()
    {
        var timeout = Max;
        for (var i = 0; i < 100; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: true, Base, Min, Max);
            Assert.True(timeout >= Seconds(15), $"step {i}: {timeout} fell below the 15 s floor");
        }

        Assert.Equal(Seconds(15), timeout);
    }

    [Fact]
    public void Repeated_failures_converge_exactly_to_the_maximum_and_stay_there()
    {
        var timeout = Min;
        for (var i = 0; i < 100; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: false, Base, Min, Max);
            Assert.True(timeout <= Max, $"step {i}: {timeout} rose above the 300 s ceiling");
        }

        Assert.Equal(Max, timeout);
    }

    [Fact]
    public void Reaches_the_floor_after_seven_successes_from_the_base()
    {
        // 30 -> 27 -> 24.3 -> 21.87 -> 19.683 -> 17.7147 -> 15.94323 -> max(14.348907, 15) = 15.
        var timeout = Base;
        for (var i = 0; i < 6; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: true, Base, Min, Max);
        }

        Assert.Equal(Seconds(15.94323), timeout);
        Assert.Equal(Seconds(15), AdaptiveTimeout.Next(timeout, success: true, Base, Min, Max));
    }

    [Fact]
    public void Reaches_the_ceiling_after_six_failures_from_the_base()
    {
        // 30 -> 45 -> 67.5 -> 101.25 -> 151.875 -> 227.8125 -> min(341.71875, 300) = 300.
        var timeout = Base;
        for (var i = 0; i < 5; i++)
        {
            timeout = AdaptiveTimeout.Next(timeout, success: false, Base, Min, Max);
        }

        Assert.Equal(Seconds(227.8125), timeout);
        Assert.Equal(Max, AdaptiveTimeout.Next(timeout, success: false, Base, Min, Max));
    }

    [Fact]
    public void Factors_are_those_of_the_design()
    {
        Assert.Equal(0.9, AdaptiveTimeout.ShrinkFactor);
        Assert.Equal(1.5, AdaptiveTimeout.GrowFactor);
        Assert.Equal(0.5, AdaptiveTimeout.FloorShareOfBase);
    }
}
