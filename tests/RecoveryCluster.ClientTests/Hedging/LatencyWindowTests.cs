using RecoveryCluster.Client.Hedging;

namespace RecoveryCluster.ClientTests.Hedging;

public sealed class LatencyWindowTests
{
    [Fact]
    public void Reports_the_percentile_of_the_window_and_the_calls_new_since_the_last_report()
    {
        var window = new LatencyWindow();
        for (var ms = 1; ms <= 100; ms++)
        {
            window.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal((100L, TimeSpan.FromMilliseconds(95)), window.Take(0.95));
        Assert.Null(window.Take(0.95));

        window.Record(TimeSpan.FromMilliseconds(1000));
        var next = window.Take(0.99);
        Assert.Equal(1, next!.Value.Calls);
        Assert.Equal(TimeSpan.FromMilliseconds(100), next.Value.Quantile);
    }

    [Fact]
    public void Keeps_only_the_latest_samples()
    {
        var window = new LatencyWindow();
        for (var i = 0; i < LatencyWindow.Capacity; i++)
        {
            window.Record(TimeSpan.FromSeconds(10));
        }

        for (var i = 0; i < LatencyWindow.Capacity; i++)
        {
            window.Record(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(1), window.Take(0.999)!.Value.Quantile);
    }
}
