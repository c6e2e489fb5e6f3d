using RecoveryCluster.Analytics;
using RecoveryCluster.Errors;
using RecoveryCluster.Events;
using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.UnitTests.Analytics;

public sealed class RecoveryMetricsMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_burst_of_reports_on_a_component_is_an_error_rate_anomaly()
    {
        var monitor = new RecoveryMetricsMonitor(new AnomalyOptions());
        var random = new Random(11);
        var anomalies = new List<Anomaly>();
        var minute = 0;
        for (; minute < 60; minute++)
        {
            // 2 to 4 reports a minute.
            for (var i = 0; i < 2 + random.Next(3); i++)
            {
                anomalies.AddRange(monitor.Observe(Report("orders-db", Start.AddMinutes(minute).AddSeconds(i))));
            }
        }

        Assert.Empty(anomalies);
        for (var i = 0; i < 40; i++)
        {
            monitor.Observe(Report("orders-db", Start.AddMinutes(minute).AddSeconds(i)));
        }

        var found = monitor.Observe(Report("orders-db", Start.AddMinutes(minute + 1)));
        var anomaly = Assert.Single(found);
        Assert.Equal(AnomalyMetrics.ErrorRate, anomaly.Metric);
        Assert.Equal("orders-db", anomaly.Subject);
        Assert.Equal(40, anomaly.Value);
    }

    [Fact]
    public void A_strategy_whose_blocks_of_outcomes_suddenly_fail_is_a_success_rate_anomaly()
    {
        var monitor = new RecoveryMetricsMonitor(new AnomalyOptions { SuccessBlock = 10 });
        var random = new Random(5);
        for (var i = 0; i < 400; i++)
        {
            monitor.Observe(Attempt("database", "retry", random.NextDouble() < 0.9, 1));
        }

        var lastBlock = new List<Anomaly>();
        for (var i = 0; i < 10; i++)
        {
            lastBlock.AddRange(monitor.Observe(Attempt("database", "retry", false, 1)));
        }

        var anomaly = Assert.Single(lastBlock, a => a.Metric == AnomalyMetrics.SuccessRate);
        Assert.Equal("database/retry", anomaly.Subject);
        Assert.Equal(0, anomaly.Value);
    }

    private static RecoveryEvent Report(string component, DateTimeOffset at) =>
        new(RecoveryEvent.NewId(), RecoveryEventKind.ErrorReported, at, component, "database-1", ErrorType.Database);

    private static RecoveryEvent Attempt(string type, string strategy, bool success, double seconds) =>
        new(RecoveryEvent.NewId(), RecoveryEventKind.AttemptRecorded, Start, "orders-db", "database-1", ErrorTypeNames.Parse(type), 1, RecoveryLevel.Basic,
            strategy, success, ExecutionTime: TimeSpan.FromSeconds(seconds));
}
