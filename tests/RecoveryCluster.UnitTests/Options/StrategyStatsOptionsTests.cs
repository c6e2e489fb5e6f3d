using RecoveryCluster.Grains.Options;
using static RecoveryCluster.UnitTests.Options.OptionsValidation;

namespace RecoveryCluster.UnitTests.Options;

public sealed class StrategyStatsOptionsTests
{
    [Fact]
    public void Defaults_are_those_of_the_design_and_valid()
    {
        var options = new StrategyStatsOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.BaseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MinTimeout);
        Assert.Equal(TimeSpan.FromSeconds(300), options.MaxTimeout);
        Assert.Equal(100, options.WindowSize);
        Assert.Equal(TimeSpan.FromHours(1), options.TrendBucket);
        Assert.Equal(168, options.TrendBucketsKept);
        Assert.Equal(64, options.HardwareKept);
        Assert.Equal("RecoveryCluster:Strategies", StrategyStatsOptions.Section);
        Assert.Empty(ValidationErrors(options));
    }

    [Fact]
    public void Accepts_equal_minimum_base_and_maximum()
    {
        var ten = TimeSpan.FromSeconds(10);

        Assert.Empty(ValidationErrors(new StrategyStatsOptions { MinTimeout = ten, BaseTimeout = ten, MaxTimeout = ten }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rejects_a_minimum_timeout_that_is_not_positive(int seconds)
    {
        Assert.Contains(nameof(StrategyStatsOptions.MinTimeout), Invalid(new StrategyStatsOptions { MinTimeout = TimeSpan.FromSeconds(seconds) }));
    }

    [Fact]
    public void Rejects_a_maximum_below_the_minimum()
    {
        var options = new StrategyStatsOptions { MinTimeout = TimeSpan.FromSeconds(20), BaseTimeout = TimeSpan.FromSeconds(20), MaxTimeout = TimeSpan.FromSeconds(19) };

        Assert.Contains(nameof(StrategyStatsOptions.MaxTimeout), Invalid(options));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(301)]
    public void Rejects_a_base_timeout_outside_the_minimum_and_maximum(int seconds)
    {
        Assert.Equal([nameof(StrategyStatsOptions.BaseTimeout)], Invalid(new StrategyStatsOptions { BaseTimeout = TimeSpan.FromSeconds(seconds) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rejects_a_trend_bucket_that_is_not_positive(int seconds)
    {
        Assert.Equal([nameof(StrategyStatsOptions.TrendBucket)], Invalid(new StrategyStatsOptions { TrendBucket = TimeSpan.FromSeconds(seconds) }));
    }

    [Theory]
    [InlineData(nameof(StrategyStatsOptions.WindowSize), 0)]
    [InlineData(nameof(StrategyStatsOptions.WindowSize), 10001)]
    [InlineData(nameof(StrategyStatsOptions.TrendBucketsKept), 0)]
    [InlineData(nameof(StrategyStatsOptions.HardwareKept), 0)]
    public void Rejects_a_count_out_of_range(string property, int value)
    {
        var options = new StrategyStatsOptions();
        typeof(StrategyStatsOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Equal([property], Invalid(options));
    }
}
