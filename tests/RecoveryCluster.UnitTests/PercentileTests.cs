namespace RecoveryCluster.UnitTests;

public sealed class PercentileTests
{
    private static readonly double[] Values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

    [Theory]
    [InlineData(50, 50)]
    [InlineData(90, 90)]
    [InlineData(95, 100)]
    [InlineData(99, 100)]
    [InlineData(100, 100)]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    public void Nearest_rank_is_the_smallest_value_with_that_share_at_or_below_it(double percent, double expected) =>
        Assert.Equal(expected, Percentile.NearestRank(Values, percent));

    [Fact]
    public void An_empty_sample_has_percentiles_of_zero() => Assert.Equal(0, Percentile.NearestRank([], 99));
}
