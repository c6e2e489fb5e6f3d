using RecoveryCluster.FleetLimits;
using RecoveryCluster.Grains.FleetLimits;

namespace RecoveryCluster.UnitTests.FleetLimits;

public sealed class LeaseBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    private readonly LeaseBook _book = new();

    private static LeaseRequest Wanting(string worker, int concurrency, double rate = 1, int? held = null, double? heldRate = null) =>
        new(worker, held, heldRate, concurrency, rate, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lone_worker_gets_the_whole_limit()
    {
        var lease = _book.Grant(Wanting("w1", 1), 100, 500, Lease, T0);

        Assert.Equal(100, lease.Concurrency);
        Assert.Equal(500, lease.Rate!.Value, 9);
        Assert.Equal(T0 + Lease, lease.ExpiresAt);
    }

    [Fact]
    public void A_newcomer_gets_only_what_the_others_leases_leave_until_they_renew()
    {
        _book.Grant(Wanting("w1", 100), 100, null, Lease, T0);

        var first = _book.Grant(Wanting("w2", 100), 100, null, Lease, T0);
        Assert.Equal(0, first.Concurrency);

        // w1 renews and shrinks to its fair half; w2's next renewal takes the freed room.
        Assert.Equal(50, _book.Grant(Wanting("w1", 100), 100, null, Lease, T0.AddSeconds(1)).Concurrency);
        Assert.Equal(50, _book.Grant(Wanting("w2", 100), 100, null, Lease, T0.AddSeconds(1)).Concurrency);
    }

    [Fact]
    public void A_dead_workers_share_returns_when_its_lease_ends()
    {
        _book.Grant(Wanting("dead", 100), 10, null, Lease, T0);
        Assert.Equal(0, _book.Grant(Wanting("alive", 100), 10, null, Lease, T0.AddSeconds(1)).Concurrency);
        Assert.Equal(0, _book.Grant(Wanting("alive", 100), 10, null, Lease, T0 + Lease - TimeSpan.FromTicks(1)).Concurrency);

        var after = _book.Grant(Wanting("alive", 100), 10, null, Lease, T0 + Lease);

        Assert.Equal(10, after.Concurrency);
        Assert.Equal(["alive"], _book.Holders(T0 + Lease).Select(h => h.WorkerId));
    }

    [Fact]
    public void Unexpired_shares_never_add_up_to_more_than_the_limit_whatever_the_order_of_renewals()
    {
        var random = new Random(7);
        var now = T0;
        for (var step = 0; step < 5_000; step++)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 400));
            var worker = $"w{random.Next(0, 6)}";
            _book.Grant(Wanting(worker, random.Next(0, 80), random.NextDouble() * 400), 37, 250.5, Lease, now);
            var holders = _book.Holders(now);

            Assert.True(holders.Sum(h => h.Concurrency ?? 0) <= 37, $"concurrency over the limit at step {step}");
            Assert.True(holders.Sum(h => h.RatePerSecond ?? 0) <= 250.5 + 1e-6, $"rate over the limit at step {step}");
        }
    }

    [Fact]
    public void After_an_activation_a_worker_keeps_at_most_what_it_held_and_a_newcomer_waits_one_lease()
    {
        _book.AssumeUnknownSharesUntil(T0 + Lease);

        Assert.Equal(3, _book.Grant(Wanting("w1", 50, held: 3), 10, null, Lease, T0).Concurrency);
        Assert.Equal(0, _book.Grant(Wanting("w2", 50), 10, null, Lease, T0).Concurrency);
        Assert.Equal(3, _book.Grant(Wanting("w1", 50, held: 3), 10, null, Lease, T0.AddSeconds(2)).Concurrency);

        Assert.Equal(5, _book.Grant(Wanting("w2", 50), 10, null, Lease, T0 + Lease).Concurrency);
    }

    [Fact]
    public void A_release_frees_the_share_at_once()
    {
        _book.Grant(Wanting("w1", 100), 10, null, Lease, T0);
        Assert.True(_book.Release("w1"));

        Assert.Equal(10, _book.Grant(Wanting("w2", 100), 10, null, Lease, T0).Concurrency);
    }

    [Fact]
    public void Without_limits_the_shares_are_null()
    {
        var lease = _book.Grant(Wanting("w1", 5), null, null, Lease, T0);

        Assert.Null(lease.Concurrency);
        Assert.Null(lease.Rate);
    }

    [Fact]
    public void A_reissue_under_a_lower_limit_shrinks_every_share_at_once()
    {
        _book.Grant(Wanting("w1", 100), 100, 400, Lease, T0);
        _book.Grant(Wanting("w1", 100), 100, 400, Lease, T0);
        _book.Grant(Wanting("w2", 100), 100, 400, Lease, T0);
        _book.Grant(Wanting("w1", 100), 100, 400, Lease, T0.AddSeconds(1));
        _book.Grant(Wanting("w2", 100), 100, 400, Lease, T0.AddSeconds(1));

        var reissued = _book.Reissue(40, 100, Lease, T0.AddSeconds(2));

        Assert.Equal(["w1", "w2"], reissued.Select(r => r.Key));
        Assert.All(reissued, r => Assert.Equal(20, r.Value.Concurrency));
        Assert.All(reissued, r => Assert.Equal(50, r.Value.Rate!.Value, 9));
        Assert.All(reissued, r => Assert.Equal(T0.AddSeconds(2) + Lease, r.Value.ExpiresAt));
        Assert.Equal(40, _book.Holders(T0.AddSeconds(2)).Sum(h => h.Concurrency));
    }

    [Fact]
    public void A_reissue_lets_a_share_grow_only_into_what_the_shrinking_ones_leave()
    {
        // w1 took the whole limit before w2 came, so w2 got nothing yet.
        _book.Grant(Wanting("w1", 100), 100, null, Lease, T0);
        _book.Grant(Wanting("w1", 90), 100, null, Lease, T0);
        _book.Grant(Wanting("w2", 100), 100, null, Lease, T0);
        Assert.Equal(new int?[] { 100, 0 }, _book.Holders(T0).Select(h => h.Concurrency));

        var reissued = _book.Reissue(80, null, Lease, T0.AddSeconds(1)).ToDictionary(r => r.Key, r => r.Value);

        Assert.Equal(40, reissued["w1"].Concurrency);
        Assert.Equal(40, reissued["w2"].Concurrency);
        Assert.Null(reissued["w1"].Rate);
    }

    [Fact]
    public void A_reissue_under_a_higher_limit_grows_every_share()
    {
        _book.Grant(Wanting("w1", 100), 20, null, Lease, T0);
        _book.Grant(Wanting("w1", 100), 20, null, Lease, T0);
        _book.Grant(Wanting("w2", 100), 20, null, Lease, T0);
        _book.Grant(Wanting("w1", 100), 20, null, Lease, T0);
        _book.Grant(Wanting("w2", 100), 20, null, Lease, T0);
        Assert.Equal(new int?[] { 10, 10 }, _book.Holders(T0).Select(h => h.Concurrency));

        var reissued = _book.Reissue(100, null, Lease, T0);

        Assert.All(reissued, r => Assert.Equal(50, r.Value.Concurrency));
    }

    [Fact]
    public void A_reissue_that_sets_a_first_limit_gives_each_holder_its_fair_share_and_one_that_lifts_it_gives_null()
    {
        _book.Grant(Wanting("w1", 30), null, null, Lease, T0);
        _book.Grant(Wanting("w2", 10), null, null, Lease, T0);

        var limited = _book.Reissue(20, null, Lease, T0).ToDictionary(r => r.Key, r => r.Value);
        Assert.Equal(10, limited["w1"].Concurrency);
        Assert.Equal(10, limited["w2"].Concurrency);

        Assert.All(_book.Reissue(null, null, Lease, T0), r => Assert.Null(r.Value.Concurrency));
    }

    [Fact]
    public void A_reissue_leaves_out_expired_leases_and_after_an_activation_grows_nobody()
    {
        _book.Grant(Wanting("gone", 5), 10, null, Lease, T0);
        _book.AssumeUnknownSharesUntil(T0.AddSeconds(8));
        _book.Grant(Wanting("w1", 50, held: 3), 10, null, Lease, T0.AddSeconds(6));

        var reissued = _book.Reissue(100, null, Lease, T0.AddSeconds(6));

        Assert.Equal(["w1"], reissued.Select(r => r.Key));
        Assert.Equal(3, reissued[0].Value.Concurrency);
    }

    [Fact]
    public void Reissues_mixed_with_renewals_never_grant_more_than_the_limit_in_force()
    {
        var random = new Random(11);
        var now = T0;
        var limit = 37;
        for (var step = 0; step < 5_000; step++)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 400));
            if (random.Next(0, 10) == 0)
            {
                limit = random.Next(1, 80);
                _book.Reissue(limit, null, Lease, now);
            }
            else
            {
                _book.Grant(Wanting($"w{random.Next(0, 6)}", random.Next(0, 80)), limit, null, Lease, now);
            }

            Assert.True(_book.Holders(now).Sum(h => h.Concurrency ?? 0) <= limit, $"concurrency over the limit {limit} at step {step}");
        }
    }
}
