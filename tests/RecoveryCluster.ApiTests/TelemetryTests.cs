using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace RecoveryCluster.ApiTests;

/// <summary>
/// The RecoveryCluster meter, read through OpenTelemetry's in-memory exporter. Meters are matched by name across the
/// process, so this runs alone: no other host's measurements may land in its counts.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryTests.ExportingHost host) : IClassFixture<TelemetryTests.ExportingHost>
{
    [Fact]
    public async Task Reports_attempts_escalations_and_breaker_transitions_move_the_RecoveryCluster_counters()
    {
        var component = RecoveryCluster.ApiTests.Http.NewComponent("telemetry");
        var (_, report) = await host.Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "system"));
        var errorId = report!["errorId"]!.GetValue<string>();
        var plan = report["plan"];
        for (var level = 1; level <= 5; level++)
        {
            var (_, result) = await host.Http.PostAsync($"/api/errors/{errorId}/attempts", new
            {
                strategyId = plan!["strategyId"]!.GetValue<string>(),
                attempt = plan["attempt"]!.GetValue<int>(),
                success = false,
                executionTimeSeconds = 0.1,
            });
            plan = result!["nextPlan"];
        }

        await host.Http.PostAsync($"/api/circuits/{component}/isolate", new { reason = "telemetry test" });

        // A second error, resolved at its first attempt: one success in six attempts.
        var (_, second) = await host.Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(RecoveryCluster.ApiTests.Http.NewComponent("telemetry"), type: "system"));
        var secondPlan = second!["plan"]!;
        await host.Http.PostAsync($"/api/errors/{second["errorId"]!.GetValue<string>()}/attempts", new
        {
            strategyId = secondPlan["strategyId"]!.GetValue<string>(),
            attempt = secondPlan["attempt"]!.GetValue<int>(),
            success = true,
            executionTimeSeconds = 0.1,
        });

        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.Equal(2, host.Sum("rc.errors.reported"));
        Assert.Equal(6, host.Sum("rc.recovery.attempts"));
        Assert.Equal(1, host.Sum("rc.recovery.successes"));
        Assert.Equal(1, host.Sum("rc.recovery.escalations"));
        Assert.Equal(1, host.Sum("rc.circuit.transitions"));
        Assert.Equal(8, host.HistogramCount("rc.recovery.decision.duration"));
        Assert.Equal(1.0 / 6, host.Gauge("rc.recovery.success_rate"), 9);
    }

    public sealed class ExportingHost : SiloHostFixture
    {
        private readonly List<Metric> _metrics = [];

        protected override void Configure(WebApplicationBuilder builder) =>
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));

        public long Sum(string name) => Points(name).Sum(p => p.GetSumLong());

        public long HistogramCount(string name) => Points(name).Sum(p => p.GetHistogramCount());

        public double Gauge(string name) => Assert.Single(Points(name)).GetGaugeLastValueDouble();

        /// <summary>The latest export of a cumulative metric; none when nothing was ever recorded on it.</summary>
        private List<MetricPoint> Points(string name)
        {
            var metric = _metrics.LastOrDefault(m => m.Name == name);
            if (metric is null)
            {
                return [];
            }

            var points = new List<MetricPoint>();
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }

            return points;
        }
    }
}
