using RecoveryCluster.Errors;
using RecoveryCluster.History;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests.Errors;

/// <summary>An outcome sent again with its id (its first answer was lost) is answered and counted once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OutcomeIdempotencyTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_repeated_outcome_id_is_recorded_once_everywhere_and_answered_alike()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("inventory"), type: ErrorType.Coordinator);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;
        var outcome = Failures.Outcome(plan, success: false) with { OutcomeId = Guid.NewGuid() };
        await fixture.HandedOnAsync();
        var statsBefore = await Stats(plan).GetSnapshotAsync();

        var first = await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, outcome);
        var repeats = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, outcome)));

        Assert.All(repeats, r =>
        {
            Assert.Equal((first.Status, first.Level, first.ImpactScore), (r.Status, r.Level, r.ImpactScore));
            Assert.Equal((first.NextPlan!.Attempt, first.NextPlan.StrategyId), (r.NextPlan!.Attempt, r.NextPlan.StrategyId));
        });
        var report = await Client.Grain(occurrence).GetReportAsync();
        Assert.Equal(1, report!.RetryCount);
        await fixture.HandedOnAsync();
        Assert.Equal(statsBefore.TotalExecutions + 1, (await Stats(plan).GetSnapshotAsync()).TotalExecutions);
        var history = await Client.GetGrain<IRecoveryHistoryGrain>(ErrorType.Coordinator.ToName()).QueryAsync(new HistoryQuery(Limit: 10_000));
        Assert.Single(history, r => r.RecordId == outcome.OutcomeId);

        // A different id for the same attempt is another outcome (another worker ran the plan too).
        await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, outcome with { OutcomeId = Guid.NewGuid() });
        Assert.Equal(2, (await Client.Grain(occurrence).GetReportAsync())!.RetryCount);
    }

    [Fact]
    public async Task An_empty_outcome_id_is_refused_naming_the_field()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("inventory"), type: ErrorType.Coordinator);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: true) with { OutcomeId = Guid.Empty }));

        Assert.Contains("(Parameter 'outcomeId')", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Client.Grain(occurrence).GetReportAsync())!.RetryCount);
    }

    private IStrategyStatsGrain Stats(RecoveryPlan plan) =>
        Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Coordinator, plan.StrategyId));
}
