using RecoveryCluster.Grains.FleetLimits;

namespace RecoveryCluster.UnitTests.FleetLimits;

public sealed class FairShareTests
{
    [Fact]
    public void Workers_pushing_past_the_limit_get_equal_shares()
    {
        Assert.Equal([25.0, 25.0, 25.0, 25.0], FairShare.Divide(100, [500, 80, 1000, 100]));
    }

    [Fact]
    public void A_small_demand_is_met_and_its_rest_goes_to_the_larger_ones()
    {
        var shares = FairShare.Divide(100, [10, 200, 200]);

        Assert.Equal(10, shares[0], 9);
        Assert.Equal(45, shares[1], 9);
        Assert.Equal(45, shares[2], 9);
    }

    [Fact]
    public void What_nobody_wants_is_spread_evenly()
    {
        var shares = FairShare.Divide(100, [10, 30]);

        Assert.Equal(40, shares[0], 9);
        Assert.Equal(60, shares[1], 9);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(7, 4)]
    [InlineData(1, 4)]
    [InlineData(200, 7)]
    public void Whole_shares_add_up_to_the_limit_and_differ_by_at_most_one(int limit, int workers)
    {
        var shares = FairShare.DivideWhole(limit, [.. Enumerable.Repeat(1000.0, workers)]);

        Assert.Equal(limit, shares.Sum());
        Assert.True(shares.Max() - shares.Min() <= 1, string.Join(",", shares));
    }
}
