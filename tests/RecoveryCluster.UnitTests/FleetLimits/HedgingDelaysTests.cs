using RecoveryCluster.FleetLimits;
using RecoveryCluster.Grains.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.UnitTests.FleetLimits;

public sealed class HedgingDelaysTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private static readonly HedgingPolicy On = HedgingPolicy.Off with { Enabled = true, MinDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(1) };

    private readonly HedgingDelays _delays = new();

    private static OperationLatency[] Read(long calls, int ms) => [new("Read", calls, TimeSpan.FromMilliseconds(ms))];

    [Fact]
    public void Combines_the_workers_percentiles_weighted_by_their_calls()
    {
        _delays.Report("w1", Read(300, 100), T0);
        _delays.Report("w2", Read(100, 20), T0);

        Assert.Equal(TimeSpan.FromMilliseconds(80), _delays.Delays(On, MaxAge, T0)["Read"]);
    }

    [Fact]
    public void A_workers_newer_report_replaces_its_older_one_and_old_reports_are_forgotten()
    {
        _delays.Report("w1", Read(10, 500), T0);
        _delays.Report("w1", Read(10, 50), T0.AddSeconds(1));
        _delays.Report("w2", Read(10, 900), T0);

        Assert.Equal(TimeSpan.FromMilliseconds(50), _delays.Delays(On, MaxAge, T0.AddSeconds(5.5))["Read"]);
    }

    [Fact]
    public void Keeps_within_the_bounds_and_a_fixed_delay_wins()
    {
        _delays.Report("w1", Read(10, 5000), T0);

        Assert.Equal(TimeSpan.FromSeconds(1), _delays.Delays(On, MaxAge, T0)["Read"]);
        Assert.Equal(TimeSpan.FromMilliseconds(30), _delays.Delays(On with { FixedDelay = TimeSpan.FromMilliseconds(30) }, MaxAge, T0)["Read"]);
        Assert.Empty(_delays.Delays(HedgingPolicy.Off, MaxAge, T0));
    }

    [Fact]
    public void Remembers_a_bounded_number_of_operations()
    {
        for (var i = 0; i < HedgingDelays.MaxOperations + 10; i++)
        {
            _delays.Report("w1", [new OperationLatency($"op{i}", 1, TimeSpan.FromMilliseconds(5))], T0.AddMilliseconds(i));
        }

        var delays = _delays.Delays(On, MaxAge, T0.AddSeconds(1));
        Assert.Equal(HedgingDelays.MaxOperations, delays.Count);
        Assert.DoesNotContain("op0", delays.Keys);
    }
}
