using RecoveryCluster.Grains.Options;
using static RecoveryCluster.UnitTests.Options.OptionsValidation;

namespace RecoveryCluster.UnitTests.Options;

public sealed class RecoveryOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new RecoveryOptions();

        Assert.Equal(TimeSpan.FromMinutes(10), options.RegressionWindow);
        Assert.Equal(3, options.MinSamplesForScore);
        Assert.Equal(20, options.RelatedErrorsKept);
        Assert.Equal(100, options.LevelHistoryKept);
        Assert.Equal(0.5, options.PatternMinSuccessRate);
        Assert.Equal("RecoveryCluster:Recovery", RecoveryOptions.Section);
        Assert.Empty(ValidationErrors(options));
    }

    [Fact]
    public void Accepts_a_regression_window_from_zero_to_thirty_days_and_no_exploration()
    {
        Assert.Empty(ValidationErrors(new RecoveryOptions { RegressionWindow = TimeSpan.Zero, MinSamplesForScore = 0 }));
        Assert.Empty(ValidationErrors(new RecoveryOptions { RegressionWindow = TimeSpan.FromDays(30) }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(30 * 24 * 3600 + 1)]
    public void Rejects_a_regression_window_outside_zero_to_thirty_days(int seconds)
    {
        Assert.Equal([nameof(RecoveryOptions.RegressionWindow)], Invalid(new RecoveryOptions { RegressionWindow = TimeSpan.FromSeconds(seconds) }));
    }

    [Theory]
    [InlineData(nameof(RecoveryOptions.MinSamplesForScore), -1)]
    [InlineData(nameof(RecoveryOptions.MinSamplesForScore), 1001)]
    [InlineData(nameof(RecoveryOptions.RelatedErrorsKept), 0)]
    [InlineData(nameof(RecoveryOptions.LevelHistoryKept), 0)]
    [InlineData(nameof(RecoveryOptions.LevelHistoryKept), 10001)]
    public void Rejects_a_count_out_of_range(string property, int value)
    {
        var options = new RecoveryOptions();
        typeof(RecoveryOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Equal([property], Invalid(options));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void Rejects_a_pattern_success_rate_outside_zero_to_one(double rate)
    {
        Assert.Equal([nameof(RecoveryOptions.PatternMinSuccessRate)], Invalid(new RecoveryOptions { PatternMinSuccessRate = rate }));
    }
}
