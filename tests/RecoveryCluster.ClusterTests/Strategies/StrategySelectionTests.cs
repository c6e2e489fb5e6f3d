using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests.Strategies;

[Collection(ClusterCollection.Name)]
public sealed class StrategySelectionTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Once_history_shows_one_strategy_beating_another_the_better_one_is_chosen()
    {
        // Database errors at level 1 have three candidates in catalog order: retry, reconnect, database-reconnect.
        await Client.ResetStatsAsync(ErrorType.Database);
        var candidates = new[] { StrategyIds.Retry, StrategyIds.Reconnect, StrategyIds.DatabaseReconnect };
        await fixture.SilosSeeScoresAsync(ErrorType.Database, candidates, s => s.TotalExecutions == 0);
        var component = Failures.NewComponent("orders-db");

        // Exploration: each candidate is tried in catalog order until it has three samples.
        var explored = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            var occurrence = Failures.Occurrence(component, message: $"exploration failure kind {(char)('a' + i)}");
            var plan = (await Client.ReportAsync(occurrence)).Plan!;
            explored.Add(plan.StrategyId);
            Assert.StartsWith("exploring", plan.Reason, StringComparison.Ordinal);
            var reconnectWins = plan.StrategyId == StrategyIds.Reconnect;
            await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: reconnectWins));

            // The outcome reaches the statistics in the silo's next batch; every silo's copy has it within its maximum age.
            var recorded = explored.Count(id => id == plan.StrategyId);
            await fixture.SilosSeeScoresAsync(ErrorType.Database, [plan.StrategyId], s => s.TotalExecutions == recorded);
        }

        Assert.Equal([.. Enumerable.Repeat(StrategyIds.Retry, 3), .. Enumerable.Repeat(StrategyIds.Reconnect, 3), .. Enumerable.Repeat(StrategyIds.DatabaseReconnect, 3)], explored);

        var next = (await Client.ReportAsync(Failures.Occurrence(component, message: "after learning"))).Plan!;
        Assert.Equal(StrategyIds.Reconnect, next.StrategyId);
        Assert.StartsWith("best score", next.Reason, StringComparison.Ordinal);
        Assert.Equal(StrategyIds.Reconnect, next.Alternatives[0].StrategyId);
        Assert.True(next.Alternatives[0].Score > next.Alternatives[1].Score);

        var ranked = await Client.GetGrain<IRecoveryAdvisorGrain>("database").GetRecommendationsAsync();
        Assert.Equal(StrategyIds.Reconnect, ranked[0].Strategy.Id);
        Assert.Equal(1, ranked[0].Rank);
    }

    [Fact]
    public async Task Adaptive_timeouts_grow_by_half_on_failure_up_to_the_max_and_shrink_by_a_tenth_on_success_down_to_the_floor()
    {
        var stats = Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.System, StrategyIds.Retry));
        await stats.ResetAsync();
        Assert.Equal(TimeSpan.FromSeconds(30), (await stats.GetSnapshotAsync()).Timeout);

        var expected = 30.0;
        for (var i = 0; i < 12; i++)
        {
            var snapshot = await stats.RecordAsync(Execution(success: false));
            expected = Math.Min(expected * 1.5, 300);
            Assert.Equal(expected, snapshot.Timeout.TotalSeconds, 3);
        }

        Assert.Equal(TimeSpan.FromSeconds(300), (await stats.GetSnapshotAsync()).Timeout);
        // A success under the 300 s the plan handed out keeps at least half of it.
        expected = 270;
        Assert.Equal(expected, (await stats.RecordAsync(Execution(success: true) with { RanUnder = TimeSpan.FromSeconds(300) })).Timeout.TotalSeconds, 3);
        for (var i = 0; i < 40; i++)
        {
            // Each attempt ran under the timeout handed out at the time, so repeated successes reach the 5 s minimum.
            var snapshot = await stats.RecordAsync(Execution(success: true) with { RanUnder = TimeSpan.FromSeconds(expected) });
            expected = Math.Max(expected * 0.9, 5);
            Assert.Equal(expected, snapshot.Timeout.TotalSeconds, 3);
        }

        Assert.Equal(TimeSpan.FromSeconds(5), (await stats.GetSnapshotAsync()).Timeout);

        // The plan carries the learned timeout.
        var occurrence = Failures.Occurrence(Failures.NewComponent("scheduler"), type: ErrorType.System);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;
        Assert.Equal(StrategyIds.Retry, plan.StrategyId);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.Timeout);

        // A late success of an attempt that ran under 300 s lifts the timeout to half of that.
        Assert.Equal(TimeSpan.FromSeconds(150), (await stats.RecordAsync(Execution(success: true) with { RanUnder = TimeSpan.FromSeconds(300) })).Timeout);
    }

    [Fact]
    public async Task A_strategy_registered_on_the_silos_is_a_candidate_after_the_built_ins()
    {
        var strategies = await Client.GetGrain<IRecoveryAdvisorGrain>("worker").GetStrategiesAsync();
        Assert.Equal(ClusterFixture.RestartPod.Id, strategies[^1].Id);
        Assert.DoesNotContain(strategies, s => s.Id == StrategyIds.ErrorCorrection);

        var occurrence = Failures.Occurrence(Failures.NewComponent("render-farm"), type: ErrorType.Worker);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;
        plan = (await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, false))).NextPlan!;
        plan = (await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, false))).NextPlan!;

        Assert.Equal(RecoveryLevel.Component, plan.Level);
        Assert.Contains(plan.Alternatives, a => a.StrategyId == ClusterFixture.RestartPod.Id);
    }

    [Fact]
    public async Task A_new_error_on_a_machine_is_planned_with_the_strategy_that_works_on_that_machine()
    {
        // Coordinator errors have two level-1 candidates: retry works on hw-a and fails on hw-b, reconnect the reverse.
        var retry = Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Coordinator, StrategyIds.Retry));
        var reconnect = Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Coordinator, StrategyIds.Reconnect));
        await retry.ResetAsync();
        await reconnect.ResetAsync();
        for (var i = 0; i < 5; i++)
        {
            await retry.RecordAsync(Execution(success: true) with { HardwareId = "hw-a" });
            await retry.RecordAsync(Execution(success: false) with { HardwareId = "hw-b" });
            await reconnect.RecordAsync(Execution(success: false) with { HardwareId = "hw-a" });
            await reconnect.RecordAsync(Execution(success: true) with { HardwareId = "hw-b" });
        }

        async Task<RecoveryPlan> PlanOn(string hardware)
        {
            var occurrence = Failures.Occurrence(Failures.NewComponent("coordinator"), type: ErrorType.Coordinator);
            occurrence = occurrence with { Context = occurrence.Context with { HardwareId = hardware } };
            return (await Client.ReportAsync(occurrence)).Plan!;
        }

        // Written straight to the statistics grains: the silos' copies catch up within their maximum age.
        await fixture.SilosSeeScoresAsync(ErrorType.Coordinator, [StrategyIds.Retry, StrategyIds.Reconnect], s => s.TotalExecutions == 10);
        var onB = await PlanOn("hw-b");
        Assert.Equal(StrategyIds.Reconnect, onB.StrategyId);
        Assert.Contains("hw-b", onB.Reason, StringComparison.Ordinal);
        Assert.Equal(StrategyIds.Retry, (await PlanOn("hw-a")).StrategyId);
    }

    private StrategyExecution Execution(bool success) =>
        new(success, TimeSpan.FromSeconds(2), 0, 0, 0.1, 1, "host-a", false, RecoveryLevel.Basic, fixture.Time.GetUtcNow());
}
