using RecoveryCluster.Analytics;
using RecoveryCluster.Grains.Analytics;
using RecoveryCluster.History;

namespace RecoveryCluster.UnitTests.Analytics;

public sealed class StabilityTrendTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 8, 10, 30, 0, TimeSpan.Zero);

    /// <summary><paramref name="count"/> records at <paramref name="at"/>, stability alternating mean ± 0.02.</summary>
    private static IEnumerable<RecoveryRecord> Runs(int count, DateTimeOffset at, double mean) =>
        Enumerable.Range(0, count).Select(i => Records.At(at, stability: mean + (i % 2 == 0 ? 0.02 : -0.02)));

    [Fact]
    public void A_fall_in_stability_is_reported_as_worse_with_the_figures()
    {
        var records = Runs(30, Now.AddHours(-3), 0.9).Concat(Runs(20, Now.AddMinutes(-5), 0.5));

        var finding = StabilityTrend.Detect("network", "retry", records, Now, new TrendOptions());

        Assert.NotNull(finding);
        Assert.Equal((AnomalyMetrics.Stability, TrendDirection.Worse), (finding.Metric, finding.Direction));
        Assert.Equal(0.9, finding.Baseline, 9);
        Assert.Equal(0.5, finding.Recent, 9);
        Assert.Equal((30L, 20L), (finding.BaselineSamples, finding.RecentSamples));
        Assert.Equal("network/retry: stability 0.90 → 0.50 in the last hour, 20 samples (against 30 before)", finding.Summary);
    }

    [Fact]
    public void A_rise_in_stability_is_reported_as_better()
    {
        var records = Runs(20, Now.AddHours(-2), 0.4).Concat(Runs(20, Now, 0.8));

        var finding = StabilityTrend.Detect("network", "retry", records, Now, new TrendOptions());

        Assert.Equal(TrendDirection.Better, finding?.Direction);
        Assert.Equal(0.8, finding!.Recent, 9);
    }

    [Fact]
    public void A_change_smaller_than_the_minimum_is_not_reported()
    {
        // 0.08 is beyond noise here (spread 0.02) but below MinStabilityChange 0.1.
        var records = Runs(40, Now.AddHours(-2), 0.9).Concat(Runs(40, Now, 0.82));

        Assert.Null(StabilityTrend.Detect("network", "retry", records, Now, new TrendOptions()));
        Assert.NotNull(StabilityTrend.Detect("network", "retry", records, Now, new TrendOptions { MinStabilityChange = 0.05 }));
    }

    [Fact]
    public void A_large_change_within_sampling_noise_is_not_reported()
    {
        // Means 0.6 and 0.45 but each side swings between 0 and 1: the 0.15 change spans under 3 standard errors.
        static IEnumerable<RecoveryRecord> Wild(int count, DateTimeOffset at, double ones) =>
            Enumerable.Range(0, count).Select(i => Records.At(at, stability: i < count * ones ? 1.0 : 0.0));
        var records = Wild(20, Now.AddHours(-2), 0.6).Concat(Wild(20, Now, 0.45));

        Assert.Null(StabilityTrend.Detect("network", "retry", records, Now, new TrendOptions()));
    }

    [Fact]
    public void Too_few_measured_samples_on_either_side_say_nothing()
    {
        // Attempts without a stability score do not count towards the samples.
        var unmeasured = Enumerable.Range(0, 50).Select(_ => Records.At(Now, stability: null));
        var records = Runs(30, Now.AddHours(-3), 0.9).Concat(Runs(19, Now, 0.3)).Concat(unmeasured);

        Assert.Null(StabilityTrend.Detect("network", "retry", records, Now, new TrendOptions()));
    }
}
