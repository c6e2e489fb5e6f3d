using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.UnitTests.FleetLimits;

public sealed class FleetLimitPolicyTests
{
    private static FleetLimitPolicy BadIn(string field) => field switch
    {
        "maxConcurrency" => new FleetLimitPolicy(0, null),
        "ratePerSecond" => new FleetLimitPolicy(null, -1),
        "leaseDuration" => new FleetLimitPolicy(5, null) with { LeaseDuration = TimeSpan.FromMilliseconds(10) },
        "adaptive" => new FleetLimitPolicy(5, null) with { Adaptive = (FleetLimitAdaptiveMode)9 },
        "latencyTarget" => new FleetLimitPolicy(5, null) with { LatencyTarget = TimeSpan.Zero },
        "failureRateTarget" => new FleetLimitPolicy(5, null) with { FailureRateTarget = 1.5 },
        "minimumScale" => new FleetLimitPolicy(5, null) with { MinimumScale = 0 },
        "decreaseFactor" => new FleetLimitPolicy(5, null) with { DecreaseFactor = 1 },
        "increaseStep" => new FleetLimitPolicy(5, null) with { IncreaseStep = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Theory]
    [InlineData("maxConcurrency")]
    [InlineData("ratePerSecond")]
    [InlineData("leaseDuration")]
    [InlineData("adaptive")]
    [InlineData("latencyTarget")]
    [InlineData("failureRateTarget")]
    [InlineData("minimumScale")]
    [InlineData("decreaseFactor")]
    [InlineData("increaseStep")]
    public void Names_the_field_out_of_range(string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => BadIn(field).Validate("limit."));

        Assert.Equal("limit." + field, error.ParamName);
    }

    [Fact]
    public void A_rate_that_is_not_a_number_is_refused()
    {
        Assert.Equal("ratePerSecond", Assert.ThrowsAny<ArgumentException>(() => new FleetLimitPolicy(null, double.NaN).Validate()).ParamName);
    }

    [Fact]
    public void The_defaults_are_valid_and_unlimited_without_limits()
    {
        Assert.Same(FleetLimitPolicy.None, FleetLimitPolicy.None.Validate());
        Assert.True(FleetLimitPolicy.None.IsUnlimited);
        Assert.False(new FleetLimitPolicy(1, null).Validate().IsUnlimited);
    }

    [Fact]
    public void A_lease_request_with_more_failures_than_calls_is_refused()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new LeaseRequest("w", null, null, 1, 1, 1, 2, TimeSpan.Zero).Validate());

        Assert.Equal("failures", error.ParamName);
    }
}
