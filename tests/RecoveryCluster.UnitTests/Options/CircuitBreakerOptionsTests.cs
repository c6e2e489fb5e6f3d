using RecoveryCluster.Grains.Options;
using static RecoveryCluster.UnitTests.Options.OptionsValidation;

namespace RecoveryCluster.UnitTests.Options;

public sealed class CircuitBreakerOptionsTests
{
    [Fact]
    public void Defaults_are_those_of_the_design_and_valid()
    {
        var options = new CircuitBreakerOptions();

        Assert.Equal(CircuitBreakerMode.ConsecutiveFailures, options.Mode);
        Assert.Equal(5, options.FailureThreshold);
        Assert.Equal(0.5, options.FailureRatio);
        Assert.Equal(10, options.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RecoveryTimeout);
        Assert.Equal(1, options.RecoveryTimeoutGrowth);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxRecoveryTimeout);
        Assert.Equal(2, options.HalfOpenMaxProbes);
        Assert.Equal(2, options.SuccessesToClose);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ProbePermitTimeout);
        Assert.Equal(2, options.MinDistinctReporters);
        Assert.Equal(1024, options.TrackedWorkers);
        Assert.Equal("RecoveryCluster:CircuitBreaker", CircuitBreakerOptions.Section);
        Assert.Empty(ValidationErrors(options));
    }

    [Fact]
    public void Accepts_a_single_reporter_quorum_and_the_range_limits()
    {
        Assert.Empty(ValidationErrors(new CircuitBreakerOptions { MinDistinctReporters = 1, FailureThreshold = 1, FailureRatio = 0.01, MinimumThroughput = 1, HalfOpenMaxProbes = 1, SuccessesToClose = 1, TrackedWorkers = 1 }));
        Assert.Empty(ValidationErrors(new CircuitBreakerOptions { MinDistinctReporters = 1000, FailureThreshold = 100000, FailureRatio = 1.0, MinimumThroughput = 1000000, HalfOpenMaxProbes = 1000, SuccessesToClose = 1000, TrackedWorkers = 100000 }));
    }

    [Theory]
    [InlineData(nameof(CircuitBreakerOptions.FailureThreshold), 0)]
    [InlineData(nameof(CircuitBreakerOptions.FailureThreshold), 100001)]
    [InlineData(nameof(CircuitBreakerOptions.MinimumThroughput), 0)]
    [InlineData(nameof(CircuitBreakerOptions.HalfOpenMaxProbes), 0)]
    [InlineData(nameof(CircuitBreakerOptions.HalfOpenMaxProbes), 1001)]
    [InlineData(nameof(CircuitBreakerOptions.SuccessesToClose), 0)]
    [InlineData(nameof(CircuitBreakerOptions.MinDistinctReporters), 0)]
    [InlineData(nameof(CircuitBreakerOptions.MinDistinctReporters), 1001)]
    [InlineData(nameof(CircuitBreakerOptions.TrackedWorkers), 0)]
    public void Rejects_a_count_out_of_range(string property, int value)
    {
        var options = new CircuitBreakerOptions();
        typeof(CircuitBreakerOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Equal([property], Invalid(options));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.009)]
    [InlineData(1.01)]
    public void Rejects_a_failure_ratio_out_of_range(double ratio)
    {
        Assert.Equal([nameof(CircuitBreakerOptions.FailureRatio)], Invalid(new CircuitBreakerOptions { FailureRatio = ratio }));
    }

    [Theory]
    [InlineData(nameof(CircuitBreakerOptions.SamplingDuration), 0)]
    [InlineData(nameof(CircuitBreakerOptions.SamplingDuration), -1)]
    [InlineData(nameof(CircuitBreakerOptions.MaxRecoveryTimeout), 0)]
    [InlineData(nameof(CircuitBreakerOptions.RecoveryTimeout), 0)]
    [InlineData(nameof(CircuitBreakerOptions.RecoveryTimeout), -1)]
    [InlineData(nameof(CircuitBreakerOptions.ProbePermitTimeout), 0)]
    [InlineData(nameof(CircuitBreakerOptions.ProbePermitTimeout), -1)]
    public void Rejects_a_duration_that_is_not_positive(string property, int seconds)
    {
        var options = new CircuitBreakerOptions();
        typeof(CircuitBreakerOptions).GetProperty(property)!.SetValue(options, TimeSpan.FromSeconds(seconds));

        var error = Assert.Single(ValidationErrors(options));
        Assert.Equal([property], error.MemberNames);
        Assert.Equal($"{property} must be positive.", error.ErrorMessage);
    }

    [Fact]
    public void Reports_every_bad_duration_at_once()
    {
        var options = new CircuitBreakerOptions { SamplingDuration = TimeSpan.Zero, RecoveryTimeout = TimeSpan.Zero, ProbePermitTimeout = TimeSpan.Zero };

        Assert.Equal(
            [nameof(CircuitBreakerOptions.SamplingDuration), nameof(CircuitBreakerOptions.RecoveryTimeout), nameof(CircuitBreakerOptions.ProbePermitTimeout)],
            Invalid(options));
    }
}
