using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

public sealed class StrategyScoreTests
{
    private const double Precision = 1e-9;
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static StrategyExecution Run(
        bool success,
        double seconds = 0,
        int affected = 0,
        int recovered = 0,
        double impact = 0,
        double? stability = null) =>
        new(success, TimeSpan.FromSeconds(seconds), affected, recovered, impact, stability, HardwareId: null, TimedOut: false, RecoveryLevel.Basic, At);

    [Fact]
    public void Weights_are_those_of_the_design_and_sum_to_one()
    {
        Assert.Equal(0.40, StrategyScore.SuccessWeight, Precision);
        Assert.Equal(0.15, StrategyScore.TimeWeight, Precision);
        Assert.Equal(0.15, StrategyScore.ImpactWeight, Precision);
        Assert.Equal(0.15, StrategyScore.StabilityWeight, Precision);
        Assert.Equal(0.15, StrategyScore.TaskRecoveryWeight, Precision);
        Assert.Equal(1.0,
            StrategyScore.SuccessWeight + StrategyScore.TimeWeight + StrategyScore.ImpactWeight + StrategyScore.StabilityWeight + StrategyScore.TaskRecoveryWeight,
            Precision);
        Assert.Equal(TimeSpan.FromSeconds(30), StrategyScore.SlowestScoredTime);
    }

    [Fact]
    public void Computes_every_part_and_the_score_of_a_mixed_history()
    {
        var result = StrategyScore.Compute(
        [
            Run(success: true, seconds: 6, affected: 4, recovered: 3, impact: 0.2, stability: 0.8),
            Run(success: true, seconds: 12, impact: 0.1),
            Run(success: false, seconds: 20, affected: 2, recovered: 0, impact: 0.6, stability: 0.5),
            Run(success: false, seconds: 1, impact: 0.1),
        ]);

        // successRate 2/4; avg successful time 9 s -> timeScore 1 - 9/30 = 0.7; avgImpact 1.0/4 = 0.25;
        // stability (0.8 + 0.5)/2 = 0.65; task recovery (3/4 + 0/2)/2 = 0.375.
        Assert.Equal(4, result.Samples);
        Assert.Equal(0.5, result.SuccessRate, Precision);
        Assert.Equal(9.0, result.AverageSuccessfulSeconds, Precision);
        Assert.Equal(0.25, result.AverageImpact, Precision);
        Assert.Equal(0.65, result.AverageStability, Precision);
        Assert.Equal(0.375, result.TaskRecoveryRate, Precision);
        Assert.Equal(0.40 * 0.5 + 0.15 * 0.7 + 0.15 * 0.75 + 0.15 * 0.65 + 0.15 * 0.375, result.Score, Precision);
        Assert.Equal(0.57125, result.Score, Precision);
    }

    [Fact]
    public void A_perfect_history_scores_one()
    {
        var result = StrategyScore.Compute([Run(success: true, seconds: 0, affected: 5, recovered: 5, impact: 0, stability: 1)]);

        Assert.Equal(1.0, result.Score, Precision);
    }

    [Fact]
    public void The_worst_history_scores_zero()
    {
        var result = StrategyScore.Compute([Run(success: false, seconds: 3, affected: 5, recovered: 0, impact: 1, stability: 0)]);

        Assert.Equal(0.0, result.Score, Precision);
    }

    [Fact]
    public void Zero_samples_give_an_all_zero_result()
    {
        var result = StrategyScore.Compute([]);

        Assert.Equal(default, result);
        Assert.Equal(0, result.Samples);
        Assert.Equal(0.0, result.Score);
    }

    [Fact]
    public void Rejects_a_null_history()
    {
        var error = Assert.Throws<ArgumentNullException>(() => StrategyScore.Compute(null!));

        Assert.Equal("executions", error.ParamName);
    }

    [Fact]
    public void No_successes_give_a_time_score_of_zero_however_fast_the_failures_were()
    {
        var result = StrategyScore.Compute([Run(success: false, seconds: 0), Run(success: false, seconds: 0)]);

        // Only the impact part remains: 0.15 * (1 - 0).
        Assert.Equal(0.0, result.SuccessRate, Precision);
        Assert.Equal(0.0, result.AverageSuccessfulSeconds, Precision);
        Assert.Equal(0.15, result.Score, Precision);
        Assert.Equal(0.0, StrategyScore.TimeScore(successes: 0, averageSuccessfulSeconds: 0), Precision);
    }

    [Fact]
    public void Failed_runs_do_not_count_toward_the_average_successful_time()
    {
        var result = StrategyScore.Compute([Run(success: true, seconds: 3), Run(success: false, seconds: 300)]);

        Assert.Equal(3.0, result.AverageSuccessfulSeconds, Precision);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(15.0, 0.5)]
    [InlineData(29.97, 0.001)]
    [InlineData(30.0, 0.0)]
    [InlineData(45.0, 0.0)]
    [InlineData(3600.0, 0.0)]
    public void Time_score_falls_linearly_from_one_at_zero_seconds_to_zero_at_thirty(double seconds, double expected)
    {
        Assert.Equal(expected, StrategyScore.TimeScore(successes: 1, averageSuccessfulSeconds: seconds), Precision);
    }

    [Fact]
    public void Time_score_is_clamped_at_one_below_zero_seconds()
    {
        Assert.Equal(1.0, StrategyScore.TimeScore(successes: 1, averageSuccessfulSeconds: -5), Precision);
    }

    [Fact]
    public void A_success_taking_thirty_seconds_or_more_earns_nothing_for_time()
    {
        var atLimit = StrategyScore.Compute([Run(success: true, seconds: 30, impact: 0, stability: 0)]);
        var beyond = StrategyScore.Compute([Run(success: true, seconds: 90, impact: 0, stability: 0)]);

        // 0.40 success + 0.15 impact; time, stability and tasks give nothing.
        Assert.Equal(0.55, atLimit.Score, Precision);
        Assert.Equal(0.55, beyond.Score, Precision);
    }

    [Fact]
    public void No_affected_tasks_give_a_task_recovery_rate_of_zero()
    {
        var result = StrategyScore.Compute([Run(success: true, seconds: 0, affected: 0, recovered: 0, impact: 0, stability: 1)]);

        Assert.Equal(0.0, result.TaskRecoveryRate, Precision);
        Assert.Equal(0.85, result.Score, Precision);
    }

    [Fact]
    public void Task_recovery_averages_the_per_record_rate_over_records_with_affected_tasks_only()
    {
        var result = StrategyScore.Compute(
        [
            Run(success: true, affected: 1, recovered: 1),
            Run(success: true, affected: 9, recovered: 0),
            Run(success: true, affected: 0, recovered: 0),
        ]);

        // (1/1 + 0/9) / 2, not 1/10 pooled and not divided by 3 records.
        Assert.Equal(0.5, result.TaskRecoveryRate, Precision);
    }

    [Fact]
    public void Stability_is_averaged_only_over_the_runs_that_report_it()
    {
        var result = StrategyScore.Compute(
        [
            Run(success: true, stability: 0.9),
            Run(success: true, stability: null),
            Run(success: false, stability: 0.3),
            Run(success: false, stability: null),
        ]);

        Assert.Equal(0.6, result.AverageStability, Precision);
    }

    [Fact]
    public void Stability_is_zero_when_no_run_reports_it()
    {
        var result = StrategyScore.Compute([Run(success: true, stability: null), Run(success: true, stability: null)]);

        Assert.Equal(0.0, result.AverageStability, Precision);
    }

    [Fact]
    public void Impact_is_averaged_over_every_run()
    {
        var result = StrategyScore.Compute([Run(success: true, impact: 0.9), Run(success: false, impact: 0.1), Run(success: false, impact: 0.2)]);

        Assert.Equal(0.4, result.AverageImpact, Precision);
    }
}
