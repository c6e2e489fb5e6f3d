using RecoveryCluster.Analytics;
using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.UnitTests.Analytics;

public sealed class AnomalyDetectorTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_planted_outlier_in_a_noisy_series_is_an_anomaly_with_a_severity()
    {
        var detector = new AnomalyDetector(new AnomalyOptions());
        var random = new Random(42);
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(detector.Observe(AnomalyMetrics.DecisionLatency, "", Gaussian(random, 10, 1), At));
        }

        var anomaly = detector.Observe(AnomalyMetrics.DecisionLatency, "", 16, At);

        Assert.NotNull(anomaly);
        Assert.Equal(16, anomaly.Value);
        Assert.Equal(10, anomaly.Mean, 0.3);
        Assert.Equal(1, anomaly.StandardDeviation, 0.2);
        Assert.Equal(100, anomaly.Samples);
        Assert.InRange(anomaly.Severity, 1.0, 1.0); // about six deviations: past twice the threshold
    }

    [Fact]
    public void A_stationary_noisy_series_raises_no_anomaly()
    {
        var detector = new AnomalyDetector(new AnomalyOptions());
        var random = new Random(7);
        var anomalies = 0;
        for (var i = 0; i < 5000; i++)
        {
            // Uniform noise is bounded at 1.73 deviations, so a correct detector can never fire on it.
            if (detector.Observe(AnomalyMetrics.ExecutionTime, "database/retry", 2 + (random.NextDouble() - 0.5) * 2, At) is not null)
            {
                anomalies++;
            }
        }

        Assert.Equal(0, anomalies);
    }

    [Fact]
    public void Severity_is_half_at_the_threshold_and_one_at_twice_it()
    {
        Assert.Equal(0.5, AnomalyDetector.Severity(2.5, 2.5), 9);
        Assert.Equal(0.75, AnomalyDetector.Severity(3.75, 2.5), 9);
        Assert.Equal(1, AnomalyDetector.Severity(12, 2.5), 9);
    }

    [Fact]
    public void Nothing_is_judged_before_the_minimum_samples_and_series_are_kept_apart()
    {
        var detector = new AnomalyDetector(new AnomalyOptions { MinSamples = 20 });
        for (var i = 0; i < 19; i++)
        {
            detector.Observe(AnomalyMetrics.ErrorRate, "orders-db", 1, At);
        }

        Assert.Null(detector.Observe(AnomalyMetrics.ErrorRate, "orders-db", 50, At));
        Assert.Null(detector.Observe(AnomalyMetrics.ErrorRate, "payments", 50, At));
        Assert.Equal(2, detector.SeriesCount);
    }

    [Fact]
    public void In_a_flat_series_a_small_one_off_change_is_not_an_anomaly_and_a_level_shift_is_one_of_full_severity()
    {
        var detector = new AnomalyDetector(new AnomalyOptions());
        for (var i = 0; i < 30; i++)
        {
            detector.Observe(AnomalyMetrics.SuccessRate, "network/retry", 1, At);
        }

        // σ is 0 here; the floor (10 % of the mean) makes 0.97 a 0.3 σ change.
        Assert.Null(detector.Observe(AnomalyMetrics.SuccessRate, "network/retry", 0.97, At));
        var anomaly = detector.Observe(AnomalyMetrics.SuccessRate, "network/retry", 0.4, At);
        Assert.NotNull(anomaly);
        Assert.Equal(1, anomaly.Severity);
    }

    [Fact]
    public void A_series_flat_at_zero_flags_a_jump_but_not_a_speck()
    {
        var detector = new AnomalyDetector(new AnomalyOptions());
        for (var i = 0; i < 30; i++)
        {
            detector.Observe(AnomalyMetrics.ErrorRate, "orders-db", 0, At);
        }

        Assert.Null(detector.Observe(AnomalyMetrics.ErrorRate, "orders-db", 0.02, At));
        Assert.NotNull(detector.Observe(AnomalyMetrics.ErrorRate, "orders-db", 5, At));
    }

    [Fact]
    public void The_window_slides_so_a_lasting_change_becomes_normal()
    {
        var detector = new AnomalyDetector(new AnomalyOptions { WindowSize = 50, MinSamples = 20 });
        var random = new Random(3);
        for (var i = 0; i < 50; i++)
        {
            detector.Observe(AnomalyMetrics.DecisionLatency, "", Gaussian(random, 10, 1), At);
        }

        Assert.NotNull(detector.Observe(AnomalyMetrics.DecisionLatency, "", 30, At));
        for (var i = 0; i < 60; i++)
        {
            detector.Observe(AnomalyMetrics.DecisionLatency, "", Gaussian(random, 30, 1), At);
        }

        Assert.Null(detector.Observe(AnomalyMetrics.DecisionLatency, "", 30.5, At));
    }

    private static double Gaussian(Random random, double mean, double deviation) =>
        mean + deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
