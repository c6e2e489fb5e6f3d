using RecoveryCluster.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.History;

namespace RecoveryCluster.UnitTests.History;

public sealed class SecondaryMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// e1 resolved at level 1 after 10 s; e2 failed at 1 and resolved at 2 after 30 s; e3 failed every level and was
    /// escalated; e4, first seen 100 s in, resolved at 1 after 20 s, regressed once and was resolved at 1 again.
    /// </summary>
    private static readonly RecoveryRecord[] Records =
    [
        Record("e1", 1, true, 10, resolved: true, before: new ResourceUsage(10, 40), after: new ResourceUsage(30, 50), affected: 4, recovered: 3),
        Record("e2", 1, false, 5),
        Record("e2", 2, true, 30, resolved: true, before: new ResourceUsage(20, 40), after: new ResourceUsage(20, 40)),
        Record("e3", 1, false, 1, type: ErrorType.Network),
        Record("e3", 2, false, 2, type: ErrorType.Network),
        Record("e3", 3, false, 3, type: ErrorType.Network),
        Record("e3", 4, false, 4, type: ErrorType.Network),
        Record("e3", 5, false, 5, type: ErrorType.Network),
        Record("e4", 1, true, 120, resolved: true, affected: 2, recovered: 0),
        Record("e4", 1, true, 500, resolved: true),
    ];

    private static readonly ErrorSummary[] Errors =
    [
        Summary("e1", T0, 0), Summary("e2", T0, 0), Summary("e3", T0, 0, ErrorType.Network), Summary("e4", T0.AddSeconds(100), 1),
        Summary("never-attempted", T0, 3),
    ];

    [Fact]
    public void Time_to_resolution_runs_from_first_seen_to_the_first_resolution()
    {
        var ttr = SecondaryMetrics.Compute(Records, Errors).TimeToResolution;

        Assert.Equal(3, ttr.Errors);
        Assert.Equal(20, ttr.P50Seconds);
        Assert.Equal(30, ttr.P90Seconds);
        Assert.Equal(20, ttr.MeanSeconds);
    }

    [Fact]
    public void Regression_rate_is_regressions_per_resolution_of_the_attempted_errors()
    {
        var rate = SecondaryMetrics.Compute(Records, Errors).RegressionRate;

        Assert.Equal(1, rate.Regressions);
        Assert.Equal(4, rate.Resolutions);
        Assert.Equal(0.25, rate.Rate, 9);
    }

    [Fact]
    public void Level_progression_is_the_share_of_episodes_ending_at_each_level_or_escalated()
    {
        var levels = SecondaryMetrics.Compute(Records, Errors).LevelProgression;

        Assert.Equal(["1", "2", "3", "4", "5", "escalated"], levels.Keys);
        Assert.Equal(new LevelShare(3, 0.6), levels["1"]);
        Assert.Equal(new LevelShare(1, 0.2), levels["2"]);
        Assert.Equal(new LevelShare(0, 0), levels["5"]);
        Assert.Equal(new LevelShare(1, 0.2), levels["escalated"]);
    }

    [Fact]
    public void Resource_usage_by_strategy_averages_after_minus_before_over_measured_attempts()
    {
        var usage = SecondaryMetrics.Compute(Records, Errors).ResourceUsageByStrategy["retry"];

        Assert.Equal(2, usage.Samples);
        Assert.Equal(10, usage.CpuPercent, 9);
        Assert.Equal(5, usage.MemoryPercent, 9);
    }

    [Fact]
    public void Task_recovery_by_error_type_is_recovered_over_affected()
    {
        var tasks = SecondaryMetrics.Compute(Records, Errors).TaskRecoveryByErrorType;

        Assert.Equal(new TaskRecovery(5, 6, 3, 0.5), tasks["database"]);
        Assert.Equal(new TaskRecovery(5, 0, 0, 0), tasks["network"]);
    }

    [Fact]
    public void No_history_gives_empty_figures_not_errors()
    {
        var metrics = SecondaryMetrics.Compute([], []);

        Assert.Equal(new TimeToResolution(0, null, null, null), metrics.TimeToResolution);
        Assert.Equal(0, metrics.RegressionRate.Rate);
        Assert.All(metrics.LevelProgression.Values, l => Assert.Equal(0, l.Share));
    }

    private static RecoveryRecord Record(
        string errorId, int level, bool success, double secondsAfterStart, bool resolved = false, ErrorType type = ErrorType.Database,
        ResourceUsage? before = null, ResourceUsage? after = null, int affected = 0, int recovered = 0) =>
        new(errorId, type, "retry", (RecoveryLevel)level, level, success, TimeSpan.FromSeconds(1), affected, recovered, before, after, 0.1, null, null,
            "worker-1", "orders-db", T0.AddSeconds(secondsAfterStart), resolved);

    private static ErrorSummary Summary(string errorId, DateTimeOffset firstSeen, int regressions, ErrorType type = ErrorType.Database) =>
        new(errorId, type, ErrorSeverity.High, "orders-db", "Save", "boom", ErrorStatus.Resolved, null, 1, firstSeen, firstSeen, regressions);
}
