using System.Threading.RateLimiting;
using RecoveryCluster.Client.FleetLimits;

namespace RecoveryCluster.ClientTests.FleetLimits;

/// <summary>The local limiters a lease sizes, without a cluster.</summary>
public sealed class LocalShareTests
{
    [Fact]
    public void A_smaller_share_admits_nothing_until_the_calls_in_flight_fall_below_it()
    {
        using var share = new ConcurrencyShare();
        share.Resize(5);
        var held = new List<(RateLimitLease? Lease, int Generation)>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(share.TryAcquire(out var lease, out var generation));
            held.Add((lease, generation));
        }

        share.Resize(3);
        Assert.False(share.TryAcquire(out _, out _));
        share.Release(held[0].Lease, held[0].Generation);
        share.Release(held[1].Lease, held[1].Generation);
        Assert.False(share.TryAcquire(out _, out _));

        share.Release(held[2].Lease, held[2].Generation);

        Assert.True(share.TryAcquire(out _, out _));
        Assert.False(share.TryAcquire(out _, out _));
        Assert.Equal(3, share.InFlight);
    }

    [Fact]
    public void A_share_of_zero_admits_nothing_and_no_share_admits_everything()
    {
        using var share = new ConcurrencyShare();
        share.Resize(0);
        Assert.False(share.TryAcquire(out _, out _));

        share.Resize(null);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(share.TryAcquire(out var lease, out _));
            Assert.Null(lease);
        }
    }

    [Fact]
    public void A_new_rate_share_starts_from_the_old_buckets_level_rather_than_full()
    {
        using var share = new RateShare();
        share.Resize(100);
        var taken = 0;
        while (share.TryAcquire(out _))
        {
            taken++;
        }

        Assert.InRange(taken, 10, 12);
        share.Resize(120);

        Assert.False(share.TryAcquire(out var retryAfter));
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }
}
