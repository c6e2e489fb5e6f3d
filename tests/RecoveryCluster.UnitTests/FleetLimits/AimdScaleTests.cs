using RecoveryCluster.FleetLimits;
using RecoveryCluster.Grains.FleetLimits;

namespace RecoveryCluster.UnitTests.FleetLimits;

public sealed class AimdScaleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly FleetLimitPolicy Adaptive = new FleetLimitPolicy(100, 1000) with
    {
        Adaptive = FleetLimitAdaptiveMode.Aimd,
        LatencyTarget = TimeSpan.FromMilliseconds(100),
        FailureRateTarget = 0.2,
        MinimumScale = 0.1,
        DecreaseFactor = 0.5,
        IncreaseStep = 0.1,
    };

    private readonly AimdScale _aimd = new();

    private void Judge(int n, long calls, long failures, TimeSpan meanLatency)
    {
        var at = T0 + (Interval * n);
        _aimd.Observe(calls, failures, meanLatency * calls);
        _aimd.Adjust(Adaptive, Interval, at);
    }

    [Fact]
    public void Halves_when_failures_pass_the_target_and_grows_back_a_step_per_healthy_interval()
    {
        Judge(0, 0, 0, TimeSpan.Zero);
        Judge(1, 100, 50, TimeSpan.FromMilliseconds(10));
        Assert.Equal(0.5, _aimd.Scale, 9);
        Assert.Equal(50, _aimd.Concurrency(Adaptive));
        Assert.Equal(500, _aimd.Rate(Adaptive)!.Value, 9);
        Assert.StartsWith("decreased", _aimd.LastAdjustment, StringComparison.Ordinal);

        Judge(2, 100, 0, TimeSpan.FromMilliseconds(10));
        Assert.Equal(0.6, _aimd.Scale, 9);
        Assert.StartsWith("increased", _aimd.LastAdjustment, StringComparison.Ordinal);
    }

    [Fact]
    public void Shrinks_on_slow_calls_but_never_below_the_minimum()
    {
        Judge(0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 10; i++)
        {
            Judge(i, 50, 0, TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(0.1, _aimd.Scale, 9);
        Assert.Equal(10, _aimd.Concurrency(Adaptive));
    }

    [Fact]
    public void Too_few_calls_say_nothing()
    {
        Judge(0, 0, 0, TimeSpan.Zero);
        Judge(1, AimdScale.MinCalls - 1, AimdScale.MinCalls - 1, TimeSpan.FromSeconds(5));

        Assert.Equal(1, _aimd.Scale);
    }

    [Fact]
    public void Holds_still_when_adaptation_is_off()
    {
        var fixedPolicy = Adaptive with { Adaptive = FleetLimitAdaptiveMode.Off };
        _aimd.Adjust(fixedPolicy, Interval, T0);
        _aimd.Observe(100, 100, TimeSpan.FromSeconds(100));

        Assert.False(_aimd.Adjust(fixedPolicy, Interval, T0 + Interval));
        Assert.Equal(100, _aimd.Concurrency(fixedPolicy));
    }
}
