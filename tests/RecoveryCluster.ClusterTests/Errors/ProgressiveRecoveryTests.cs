using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClusterTests.Errors;

[Collection(ClusterCollection.Name)]
public sealed class ProgressiveRecoveryTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task An_error_that_keeps_failing_climbs_levels_1_to_5_and_is_then_escalated()
    {
        var component = Failures.NewComponent("payments");
        var occurrence = Failures.Occurrence(component, type: ErrorType.Hardware);
        var report = await Client.ReportAsync(occurrence);
        var plan = report.Plan!;
        var levels = new List<RecoveryLevel> { plan.Level };

        OutcomeResult result;
        do
        {
            result = await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: false));
            if (result.NextPlan is { } next)
            {
                levels.Add(next.Level);
                plan = next;
            }
        }
        while (result.NextPlan is not null);

        Assert.Equal(
            [RecoveryLevel.Basic, RecoveryLevel.Enhanced, RecoveryLevel.Component, RecoveryLevel.SystemComponent, RecoveryLevel.Critical],
            levels);
        Assert.Equal(ErrorStatus.Escalated, result.Status);
        Assert.Null(result.Level);

        var escalations = await Client.GetGrain<IEscalationRegistryGrain>(IEscalationRegistryGrain.DefaultKey).ListAsync(1000);
        var escalation = Assert.Single(escalations, e => e.ErrorId == report.ErrorId);
        Assert.Equal(5, escalation.Attempts);
        Assert.Equal(component, escalation.Component);

        // Held: counted and given a level-1 attempt outside the episode, which stays escalated.
        var again = await Client.ReportAsync(occurrence);
        Assert.Equal(ErrorStatus.Escalated, again.Status);
        Assert.True(again.Held);
        Assert.Equal(RecoveryLevel.Basic, again.Plan!.Level);

        // A person has it for the escalation hold (15 minutes); after that a recurrence starts over at level 1.
        fixture.Time.Advance(TimeSpan.FromMinutes(15));
        var afterHold = await Client.ReportAsync(occurrence);
        Assert.Equal(ErrorStatus.Open, afterHold.Status);
        Assert.Equal(RecoveryLevel.Basic, afterHold.Plan!.Level);
    }

    [Fact]
    public async Task A_success_resolves_the_error_and_the_next_episode_starts_again_at_level_1()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("inventory"), type: ErrorType.Network);
        var first = (await Client.ReportAsync(occurrence)).Plan!;
        var second = (await Client.Grain(occurrence).RecordOutcomeAsync(first.Attempt, Failures.Outcome(first, success: false))).NextPlan!;
        Assert.Equal(RecoveryLevel.Enhanced, second.Level);

        var resolved = await Client.Grain(occurrence).RecordOutcomeAsync(second.Attempt, Failures.Outcome(second, success: true));
        Assert.Equal(ErrorStatus.Resolved, resolved.Status);
        Assert.Null(resolved.NextPlan);

        var report = await Client.Grain(occurrence).GetReportAsync();
        Assert.Null(report!.CurrentLevel);
        Assert.Equal(2, report.RetryCount);

        var recurrence = await Client.ReportAsync(occurrence);
        Assert.Equal(RecoveryLevel.Basic, recurrence.Plan!.Level);
        Assert.Equal(2, (await Client.Grain(occurrence).GetReportAsync())!.Episode);
    }

    [Fact]
    public async Task The_start_level_is_4_when_the_breaker_is_open_and_2_when_it_is_half_open()
    {
        var component = Failures.NewComponent("orders-db");
        await OpenAsync(component);

        var whileOpen = await Client.ReportAsync(Failures.Occurrence(component, message: "deadlock detected"));
        Assert.Equal(RecoveryLevel.SystemComponent, whileOpen.Plan!.Level);
        Assert.Equal(CircuitState.Open, whileOpen.Plan.CircuitState);

        // The report's failure reaches the breaker before the time moves on.
        await fixture.HandedOnAsync();
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var whileHalfOpen = await Client.ReportAsync(Failures.Occurrence(component, message: "too many clients"));
        Assert.Equal(RecoveryLevel.Enhanced, whileHalfOpen.Plan!.Level);
    }

    [Fact]
    public async Task A_half_open_start_goes_to_level_3_when_the_error_already_failed_at_level_2()
    {
        var component = Failures.NewComponent("ledger");
        var occurrence = Failures.Occurrence(component, type: ErrorType.Coordinator);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;
        plan = (await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, false))).NextPlan!;
        Assert.Equal(RecoveryLevel.Enhanced, plan.Level);
        plan = (await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, false))).NextPlan!;
        await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, true));
        await fixture.HandedOnAsync();

        await OpenAsync(component);
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var recurrence = await Client.ReportAsync(occurrence);

        Assert.Equal(RecoveryLevel.Component, recurrence.Plan!.Level);
    }

    [Fact]
    public async Task A_recurrence_within_the_regression_window_counts_as_a_regression_and_one_after_it_does_not()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("search"), type: ErrorType.Timeout);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;
        await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, true));

        fixture.Time.Advance(TimeSpan.FromMinutes(9));
        var soon = await Client.ReportAsync(occurrence);
        Assert.True(soon.IsRegression);
        await Client.Grain(occurrence).RecordOutcomeAsync(soon.Plan!.Attempt, Failures.Outcome(soon.Plan, true));

        fixture.Time.Advance(TimeSpan.FromMinutes(11));
        var late = await Client.ReportAsync(occurrence);
        Assert.False(late.IsRegression);
        Assert.Equal(1, (await Client.Grain(occurrence).GetReportAsync())!.Regressions);
    }

    private async Task OpenAsync(string component)
    {
        var breaker = Client.Breaker(component);
        for (var i = 0; i < 5; i++)
        {
            await breaker.FailAsync(i % 2 == 0 ? "worker-a" : "worker-b");
        }

        Assert.Equal(CircuitState.Open, (await breaker.GetSnapshotAsync()).State);
        await fixture.SilosSeeCircuitAsync(component, CircuitState.Open);
    }

    [Fact]
    public async Task A_call_that_brings_no_fallback_degradation_or_compensations_is_never_planned_a_strategy_that_needs_them()
    {
        var bare = Failures.Occurrence(Failures.NewComponent("ledger"), type: ErrorType.Worker);
        bare = bare with { Context = bare.Context with { Features = RecoveryCluster.Strategies.CallFeatures.None } };
        var plan = (await Client.ReportAsync(bare)).Plan!;
        var planned = new List<string> { plan.StrategyId };
        while ((await Client.Grain(bare).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: false))).NextPlan is { } next)
        {
            plan = next;
            planned.Add(plan.StrategyId);
        }

        Assert.Equal(5, planned.Count);
        Assert.DoesNotContain(RecoveryCluster.Strategies.StrategyIds.Fallback, planned);
        Assert.DoesNotContain(RecoveryCluster.Strategies.StrategyIds.GracefulDegradation, planned);
        Assert.DoesNotContain(RecoveryCluster.Strategies.StrategyIds.CompensatingTransaction, planned);
    }
}
