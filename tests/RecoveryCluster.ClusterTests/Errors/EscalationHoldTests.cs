using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Events;
using RecoveryCluster.Grains.Errors;

namespace RecoveryCluster.ClusterTests.Errors;

[Collection(ClusterCollection.Name)]
public sealed class EscalationHoldTests(ClusterFixture fixture)
{
    /// <summary>The default of <c>RecoveryOptions.SuccessesToEndHold</c>, which the fixture keeps.</summary>
    private const int SuccessesToEndHold = 3;

    private IClusterClient Client => fixture.Client;

    private IEscalationRegistryGrain Registry => Client.GetGrain<IEscalationRegistryGrain>(IEscalationRegistryGrain.DefaultKey);

    [Fact]
    public async Task An_error_escalates_once_and_each_recurrence_while_held_is_counted_and_gets_a_level_1_attempt()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("payments"), type: ErrorType.Hardware);
        var (first, escalation) = await EscalateAsync(occurrence);
        Assert.True(escalation.EscalatedNow);
        Assert.Equal(ErrorStatus.Escalated, escalation.Status);

        for (var recurrence = 1; recurrence <= 5; recurrence++)
        {
            var held = await Client.ReportAsync(occurrence);

            Assert.True(held.Held);
            Assert.Equal(ErrorStatus.Escalated, held.Status);
            Assert.Equal(RecoveryLevel.Basic, held.Plan!.Level);
            Assert.Equal(1 + recurrence, held.AggregatedCount);

            var outcome = await Client.Grain(occurrence).RecordOutcomeAsync(held.Plan.Attempt, Failures.Outcome(held.Plan, success: false));
            Assert.False(outcome.EscalatedNow);
            Assert.Equal(ErrorStatus.Escalated, outcome.Status);
            Assert.Null(outcome.NextPlan);
        }

        var report = (await Client.Grain(occurrence).GetReportAsync())!;
        Assert.Equal(1, report.Episode);
        Assert.Equal(ErrorStatus.Escalated, report.Status);
        Assert.Null(report.CurrentLevel);
        Assert.Equal(10, report.RetryCount);
        Assert.Equal(1 + 5, report.LevelHistory.Count(h => h.Level == RecoveryLevel.Basic));
        Assert.Single(await EscalationsOfAsync(first.ErrorId));
        Assert.Single(fixture.Events.EscalationsOf(first.ErrorId));
    }

    [Fact]
    public async Task Concurrent_recurrences_of_one_escalated_episode_produce_exactly_one_escalation_record_and_webhook_event()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("orders-db"), type: ErrorType.Database);
        var (first, _) = await EscalateAsync(occurrence);

        var recurrences = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.ReportAsync(occurrence)));
        var outcomes = await Task.WhenAll(recurrences.Select(r =>
            Client.Grain(occurrence).RecordOutcomeAsync(r.Plan!.Attempt, Failures.Outcome(r.Plan, success: false) with { OutcomeId = Guid.NewGuid() })));

        Assert.All(recurrences, r => Assert.True(r.Held));
        Assert.Equal(8, recurrences.Select(r => r.Plan!.Attempt).Distinct().Count());
        Assert.All(outcomes, o => Assert.False(o.EscalatedNow));
        Assert.Equal(9, (await Client.Grain(occurrence).GetReportAsync())!.AggregatedCount);
        var record = Assert.Single(await EscalationsOfAsync(first.ErrorId));
        Assert.Equal(1, record.Episode);
        Assert.Single(fixture.Events.EscalationsOf(first.ErrorId));
    }

    [Fact]
    public async Task Only_the_outcome_that_escalates_says_so_and_a_repeat_of_it_is_answered_the_same_without_a_second_record()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("ledger"), type: ErrorType.Hardware);
        var (report, plan) = await ClimbToLevel5Async(occurrence);

        // A second operation of the same episode joins it and runs the same level-5 plan.
        var joined = await Client.ReportAsync(occurrence);
        Assert.Equal(plan.Attempt, joined.Plan!.Attempt);
        Assert.False(joined.Held);

        var escalating = Failures.Outcome(plan, success: false) with { OutcomeId = Guid.NewGuid() };
        var first = await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, escalating);
        var second = await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: false) with { OutcomeId = Guid.NewGuid() });
        var repeat = await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, escalating);

        Assert.True(first.EscalatedNow);
        Assert.Equal(ErrorStatus.Escalated, second.Status);
        Assert.False(second.EscalatedNow);
        Assert.True(repeat.EscalatedNow);
        Assert.Single(await EscalationsOfAsync(report.ErrorId));
        Assert.Single(fixture.Events.EscalationsOf(report.ErrorId));
    }

    [Fact]
    public async Task The_hold_ends_after_enough_successful_held_attempts_in_a_row_and_a_failure_in_between_starts_the_run_again()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("inventory"), type: ErrorType.Network);
        var (first, _) = await EscalateAsync(occurrence);

        for (var i = 1; i < SuccessesToEndHold; i++)
        {
            Assert.Equal(ErrorStatus.Escalated, (await HeldAttemptAsync(occurrence, success: true)).Status);
        }

        Assert.Equal(ErrorStatus.Escalated, (await HeldAttemptAsync(occurrence, success: false)).Status);
        for (var i = 1; i < SuccessesToEndHold; i++)
        {
            Assert.Equal(ErrorStatus.Escalated, (await HeldAttemptAsync(occurrence, success: true)).Status);
        }

        var last = await HeldAttemptAsync(occurrence, success: true);

        Assert.Equal(ErrorStatus.Resolved, last.Status);
        Assert.False(last.EscalatedNow);
        var report = (await Client.Grain(occurrence).GetReportAsync())!;
        Assert.Equal(ErrorStatus.Resolved, report.Status);
        Assert.Equal(fixture.Time.GetUtcNow(), report.ResolvedAt);
        var resolved = Assert.Single(fixture.Events.Of(first.ErrorId, RecoveryEventKind.Resolved));
        Assert.Contains("proved healthy", resolved.Message, StringComparison.Ordinal);

        var next = await Client.ReportAsync(occurrence);
        Assert.False(next.Held);
        Assert.Equal(ErrorStatus.Open, next.Status);
        Assert.Equal(RecoveryLevel.Basic, next.Plan!.Level);
        Assert.Equal(2, (await Client.Grain(occurrence).GetReportAsync())!.Episode);
        Assert.Single(await EscalationsOfAsync(first.ErrorId));
    }

    [Fact]
    public async Task Resolving_by_hand_ends_the_hold_and_the_next_report_starts_a_new_episode_at_level_1()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("search"), type: ErrorType.Timeout);
        await EscalateAsync(occurrence);
        var held = await Client.ReportAsync(occurrence);
        Assert.True(held.Held);

        var resolved = await Client.Grain(occurrence).ResolveAsync();
        Assert.Equal(ErrorStatus.Resolved, resolved.Status);

        // The held attempt's outcome arrives after the resolution: recorded, and it moves nothing.
        var late = await Client.Grain(occurrence).RecordOutcomeAsync(held.Plan!.Attempt, Failures.Outcome(held.Plan, success: false));
        Assert.Equal(ErrorStatus.Resolved, late.Status);

        var next = await Client.ReportAsync(occurrence);
        Assert.False(next.Held);
        Assert.Equal(ErrorStatus.Open, next.Status);
        Assert.Equal(RecoveryLevel.Basic, next.Plan!.Level);
        Assert.Equal(2, (await Client.Grain(occurrence).GetReportAsync())!.Episode);
    }

    [Fact]
    public async Task A_breaker_that_closes_after_the_escalation_ends_the_hold_and_one_that_closed_before_does_not()
    {
        var component = Failures.NewComponent("coordinator");
        var occurrence = Failures.Occurrence(component, type: ErrorType.Coordinator);
        var breaker = Client.Breaker(component);

        // Closed before the escalation: the hold stands.
        await breaker.IsolateAsync("maintenance");
        await breaker.ResetAsync();
        await fixture.SilosSeeCircuitAsync(component, CircuitState.Closed);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await EscalateAsync(occurrence);
        Assert.True((await Client.ReportAsync(occurrence)).Held);

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await breaker.IsolateAsync("maintenance");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Client.ReportAsync(occurrence)).Held);
        await breaker.ResetAsync();
        await fixture.SilosSeeCircuitAsync(component, CircuitState.Closed);

        var afterClose = await Client.ReportAsync(occurrence);

        Assert.False(afterClose.Held);
        Assert.Equal(ErrorStatus.Open, afterClose.Status);
        Assert.Equal(RecoveryLevel.Basic, afterClose.Plan!.Level);
        Assert.Equal(2, (await Client.Grain(occurrence).GetReportAsync())!.Episode);
    }

    [Fact]
    public async Task A_second_escalation_takes_a_second_full_episode()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("workers"), type: ErrorType.Worker);
        var (first, _) = await EscalateAsync(occurrence);
        for (var i = 0; i < 3; i++)
        {
            await HeldAttemptAsync(occurrence, success: false);
        }

        Assert.Single(await EscalationsOfAsync(first.ErrorId));

        await Client.Grain(occurrence).ResolveAsync();
        var (second, escalation) = await EscalateAsync(occurrence);

        Assert.False(second.Held);
        Assert.True(escalation.EscalatedNow);
        var records = await EscalationsOfAsync(first.ErrorId);
        Assert.Equal([2, 1], records.Select(r => r.Episode));
        Assert.Equal(2, fixture.Events.EscalationsOf(first.ErrorId).Count);
    }

    /// <summary>Reports the occurrence and fails every plan from level 1 to 5; returns the report and the escalating answer.</summary>
    private async Task<(ReportResult Report, OutcomeResult Escalation)> EscalateAsync(ErrorOccurrence occurrence)
    {
        var (report, level5) = await ClimbToLevel5Async(occurrence);
        var result = await Client.Grain(occurrence).RecordOutcomeAsync(level5.Attempt, Failures.Outcome(level5, success: false));
        Assert.Null(result.NextPlan);
        Assert.Equal(ErrorStatus.Escalated, result.Status);
        return (report, result);
    }

    /// <summary>Reports the occurrence and fails the plans of levels 1 to 4; returns the report and the level-5 plan.</summary>
    private async Task<(ReportResult Report, RecoveryPlan Level5)> ClimbToLevel5Async(ErrorOccurrence occurrence)
    {
        var report = await Client.ReportAsync(occurrence);
        Assert.Equal(RecoveryLevel.Basic, report.Plan!.Level);
        var plan = report.Plan;
        while (plan.Level < RecoveryLevel.Critical)
        {
            plan = (await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: false))).NextPlan!;
        }

        return (report, plan);
    }

    /// <summary>A recurrence while held and the outcome of its level-1 attempt.</summary>
    private async Task<OutcomeResult> HeldAttemptAsync(ErrorOccurrence occurrence, bool success)
    {
        var held = await Client.ReportAsync(occurrence);
        Assert.True(held.Held);
        Assert.Equal(RecoveryLevel.Basic, held.Plan!.Level);
        return await Client.Grain(occurrence).RecordOutcomeAsync(held.Plan.Attempt, Failures.Outcome(held.Plan, success));
    }

    private async Task<IReadOnlyList<EscalationRecord>> EscalationsOfAsync(string errorId) =>
        (await Registry.ListAsync(EscalationRegistryGrain.Kept)).Where(r => r.ErrorId == errorId).ToArray();
}
