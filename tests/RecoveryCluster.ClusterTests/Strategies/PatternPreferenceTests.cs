using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests.Strategies;

/// <summary>A worker's error pattern names its level-1 strategy; the error grain plans it while it keeps working.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PatternPreferenceTests(ClusterFixture fixture)
{
    private const string Pattern = "schema-drift";

    private IClusterClient Client => fixture.Client;

    private static ErrorOccurrence Matched(string component, string message, string? preferred = StrategyIds.ErrorCorrection) =>
        Failures.Occurrence(component, type: ErrorType.Validation, severity: ErrorSeverity.Low, message: message) with
        {
            PatternId = Pattern,
            PreferredStrategy = preferred,
        };

    [Fact]
    public async Task A_patterns_strategy_plans_level_1_until_its_runs_show_it_failing_and_again_once_they_show_it_working()
    {
        // Validation errors at level 1: retry, then error-correction in catalog order; exploration alone would start with retry.
        await Client.ResetStatsAsync(ErrorType.Validation);
        await fixture.SilosSeeScoresAsync(ErrorType.Validation, [StrategyIds.Retry, StrategyIds.ErrorCorrection], s => s.TotalExecutions == 0);
        var component = Failures.NewComponent("profiles");

        for (var i = 1; i <= 3; i++)
        {
            var occurrence = Matched(component, $"schema drift in table {(char)('a' + i)}");
            var plan = (await Client.ReportAsync(occurrence)).Plan!;
            Assert.Equal(RecoveryLevel.Basic, plan.Level);
            Assert.Equal(StrategyIds.ErrorCorrection, plan.StrategyId);
            Assert.Equal($"pattern 'schema-drift' prefers 'error-correction' ({i - 1} of the 3 samples needed to judge it)", plan.Reason);

            // The pattern chooses level 1 only: the failure moves on to level 2, planned as before.
            var next = await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: false));
            Assert.Equal(RecoveryLevel.Enhanced, next.NextPlan!.Level);
            Assert.DoesNotContain("pattern", next.NextPlan.Reason, StringComparison.Ordinal);
            await fixture.SilosSeeScoresAsync(ErrorType.Validation, [StrategyIds.ErrorCorrection], s => s.TotalExecutions == i);
        }

        // Three runs, none succeeded: below half, so level 1 takes the learned choice (exploring retry).
        var afterFailures = (await Client.ReportAsync(Matched(component, "schema drift in table e"))).Plan!;
        Assert.Equal(StrategyIds.Retry, afterFailures.StrategyId);
        Assert.Equal(
            "pattern 'schema-drift' prefers 'error-correction', but it succeeded in 0% of its last 3 runs, below 50%; learned choice, exploring: 'retry' has 0 of the 3 samples needed to rank it (catalog order)",
            afterFailures.Reason);

        // Other validation errors recover with it: three of six is half, which counts as working again.
        var stats = Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Validation, StrategyIds.ErrorCorrection));
        for (var i = 0; i < 3; i++)
        {
            await stats.RecordAsync(new StrategyExecution(true, TimeSpan.FromSeconds(1), 0, 0, 0, 1, "host-a", false, RecoveryLevel.Basic, fixture.Time.GetUtcNow()));
        }

        await fixture.SilosSeeScoresAsync(ErrorType.Validation, [StrategyIds.ErrorCorrection], s => s.TotalExecutions == 6);
        var afterSuccesses = (await Client.ReportAsync(Matched(component, "schema drift in table f"))).Plan!;
        Assert.Equal(StrategyIds.ErrorCorrection, afterSuccesses.StrategyId);
        Assert.Equal("pattern 'schema-drift' prefers 'error-correction', which succeeded in 50% of its last 6 runs (at least 50%)", afterSuccesses.Reason);
    }

    [Fact]
    public async Task A_patterns_strategy_from_a_later_level_is_planned_at_level_1()
    {
        var occurrence = Matched(Failures.NewComponent("profiles"), "schema drift in table g", preferred: StrategyIds.GracefulDegradation);
        await Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Validation, StrategyIds.GracefulDegradation)).ResetAsync();
        await fixture.SilosSeeScoresAsync(ErrorType.Validation, [StrategyIds.GracefulDegradation], s => s.TotalExecutions == 0);

        var plan = (await Client.ReportAsync(occurrence)).Plan!;

        Assert.Equal((RecoveryLevel.Basic, StrategyIds.GracefulDegradation), (plan.Level, plan.StrategyId));
        Assert.Equal(StrategyIds.GracefulDegradation, plan.Alternatives[0].StrategyId);
    }

    [Fact]
    public async Task A_preferred_strategy_the_catalog_does_not_have_is_rejected_naming_the_field_and_creates_nothing()
    {
        var occurrence = Matched(Failures.NewComponent("profiles"), "schema drift in table h", preferred: "reboot-datacenter");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.ReportAsync(occurrence));

        error.AssertNamesField("preferredStrategy");
        Assert.Null(await Client.Grain(occurrence).GetReportAsync());
    }
}
