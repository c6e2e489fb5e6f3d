using Microsoft.Extensions.Time.Testing;
using RecoveryCluster.Logging;

namespace RecoveryCluster.UnitTests.Logging;

public sealed class LogThrottleTests
{
    [Fact]
    public void One_line_per_period_goes_through_and_the_next_says_how_many_were_held_back()
    {
        var time = new FakeTimeProvider();
        var throttle = new LogThrottle(TimeSpan.FromSeconds(10), time);

        Assert.True(throttle.TryEnter(out var first));
        Assert.Equal(0, first);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(throttle.TryEnter(out _));
        }

        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(throttle.TryEnter(out _));
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(throttle.TryEnter(out var heldBack));
        Assert.Equal(6, heldBack);
        Assert.False(throttle.TryEnter(out _));
    }

    [Fact]
    public void A_period_that_is_not_positive_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogThrottle(TimeSpan.Zero, TimeProvider.System));
        Assert.Equal("period", error.ParamName);
    }
}
