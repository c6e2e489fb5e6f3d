using RecoveryCluster.Errors;

namespace RecoveryCluster.UnitTests.Contracts;

public sealed class GuardTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("orders-db")]
    [InlineData(" padded ")]
    public void Key_returns_a_valid_value(string value)
    {
        Assert.Same(value, Guard.Key(value, "component"));
    }

    [Fact]
    public void Key_accepts_256_characters_and_rejects_257()
    {
        var longest = new string('k', Limits.MaxKeyLength);
        Assert.Same(longest, Guard.Key(longest, "component"));

        var error = Assert.Throws<ArgumentException>(() => Guard.Key(longest + "k", "component"));
        Assert.Equal("component", error.ParamName);
        Assert.Contains("'component' is 257 characters long; the limit is 256.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void Key_rejects_a_blank_value_naming_the_field(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Guard.Key(value, "workerId"));

        Assert.Equal("workerId", error.ParamName);
    }

    [Fact]
    public void Key_rejects_null_naming_the_field()
    {
        Assert.Equal("workerId", Assert.Throws<ArgumentNullException>(() => Guard.Key(null, "workerId")).ParamName);
    }

    [Fact]
    public void OptionalKey_accepts_null_and_checks_anything_else()
    {
        Assert.Null(Guard.OptionalKey(null, "hardwareId"));
        Assert.Equal("host-a", Guard.OptionalKey("host-a", "hardwareId"));
        Assert.Equal("hardwareId", Assert.Throws<ArgumentException>(() => Guard.OptionalKey("", "hardwareId")).ParamName);
        Assert.Equal("hardwareId", Assert.Throws<ArgumentException>(() => Guard.OptionalKey(new string('h', 257), "hardwareId")).ParamName);
    }

    [Fact]
    public void Duration_accepts_zero_and_any_finite_positive_value()
    {
        Assert.Equal(TimeSpan.Zero, Guard.Duration(TimeSpan.Zero, "executionTime"));
        Assert.Equal(TimeSpan.FromDays(365), Guard.Duration(TimeSpan.FromDays(365), "executionTime"));
        Assert.Equal(TimeSpan.MaxValue - TimeSpan.FromTicks(1), Guard.Duration(TimeSpan.MaxValue - TimeSpan.FromTicks(1), "executionTime"));
    }

    [Fact]
    public void Duration_rejects_negative_and_infinite_values()
    {
        Assert.Equal("executionTime", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Duration(TimeSpan.FromTicks(-1), "executionTime")).ParamName);
        Assert.Equal("executionTime", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Duration(TimeSpan.MinValue, "executionTime")).ParamName);
        Assert.Equal("executionTime", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Duration(TimeSpan.MaxValue, "executionTime")).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Range_accepts_values_within_the_bounds_inclusive(double value)
    {
        Assert.Equal(value, Guard.Range(value, 0, 1, "stabilityScore"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-1e-12)]
    [InlineData(1.000000001)]
    public void Range_rejects_values_outside_the_bounds_and_non_finite_ones(double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Range(value, 0, 1, "stabilityScore"));

        Assert.Equal("stabilityScore", error.ParamName);
        Assert.Contains("'stabilityScore' must be a finite number between 0 and 1.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e300)]
    public void NonNegative_accepts_zero_and_positive_finite_values(double value)
    {
        Assert.Equal(value, Guard.NonNegative(value, "processMemoryMb"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.001)]
    public void NonNegative_rejects_negative_and_non_finite_values(double value)
    {
        Assert.Equal("processMemoryMb", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.NonNegative(value, "processMemoryMb")).ParamName);
    }

    [Fact]
    public void Defined_accepts_defined_enum_values_and_rejects_others()
    {
        Assert.Equal(ErrorSeverity.Critical, Guard.Defined(ErrorSeverity.Critical, "severity"));
        Assert.Equal(RecoveryLevel.Basic, Guard.Defined(RecoveryLevel.Basic, "level"));

        Assert.Equal("severity", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Defined((ErrorSeverity)5, "severity")).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Defined((RecoveryLevel)0, "level")).ParamName);
    }
}
