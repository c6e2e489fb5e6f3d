using RecoveryCluster.Errors;
using RecoveryCluster.History;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests.Errors;

/// <summary>
/// Failures a worker recovered alone while the cluster was out of reach: counted once, in history and statistics at
/// their own time, without starting or moving an episode and without touching the breaker.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OfflineRecordTests(ClusterFixture fixture)
{
    /// <summary>An hour before the cluster's clock: the outage the records come from.</summary>
    private readonly DateTimeOffset _earlier = fixture.Time.GetUtcNow().AddHours(-1);

    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Records_sent_twice_count_once_in_the_error_history_and_statistics()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("ledger"), worker: "worker-7", type: ErrorType.Validation);
        var records = Enumerable.Range(1, 5).Select(i => Record(i, occurrence, success: i != 3)).ToList();
        var batch = new OfflineBatch("worker-7", Guid.NewGuid(), records);
        await fixture.HandedOnAsync();
        var retryBefore = await Stats(StrategyIds.Retry).GetSnapshotAsync();

        Assert.Equal(5, await Client.Grain(occurrence).RecordOfflineAsync(batch));
        Assert.Equal(0, await Client.Grain(occurrence).RecordOfflineAsync(batch));
        Assert.Equal(2, await Client.Grain(occurrence).RecordOfflineAsync(batch with { Recoveries = [.. records, Record(6, occurrence, true), Record(7, occurrence, true)] }));

        var report = (await Client.Grain(occurrence).GetReportAsync())!;
        Assert.Equal(7, report.AggregatedCount);
        await fixture.HandedOnAsync();
        Assert.Equal(8, report.RetryCount); // seven retries, and the fallback after the third one's failure
        Assert.Equal((_earlier.AddMinutes(1), _earlier.AddMinutes(7)), (report.FirstSeen, report.LastSeen));
        Assert.Equal(ErrorStatus.Resolved, report.Status);
        Assert.Equal(0, report.Episode);

        var history = (await Client.GetGrain<IRecoveryHistoryGrain>(ErrorType.Validation.ToName()).QueryAsync(new HistoryQuery(Limit: 10_000)))
            .Where(r => r.ErrorId == report.ErrorId).ToList();
        Assert.Equal(8, history.Count);
        Assert.Equal(8, history.Select(r => r.RecordId).Distinct().Count());
        Assert.All(history, r => Assert.Equal((0, RecoveryLevel.Basic, "worker-7"), (r.Attempt, r.Level, r.WorkerId)));
        Assert.Contains(history, r => r.StrategyId == StrategyIds.Fallback && r.Timestamp == _earlier.AddMinutes(3).AddSeconds(0.2));
        var retryAfter = await Stats(StrategyIds.Retry).GetSnapshotAsync();
        Assert.Equal((retryBefore.TotalExecutions + 7, retryBefore.TotalSuccesses + 6), (retryAfter.TotalExecutions, retryAfter.TotalSuccesses));
    }

    [Fact]
    public async Task Records_of_an_error_in_recovery_leave_its_episode_level_and_breaker_alone()
    {
        var component = Failures.NewComponent("billing");
        var occurrence = Failures.Occurrence(component, worker: "worker-2", type: ErrorType.Network);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;
        await fixture.HandedOnAsync();
        var next = (await Client.Grain(occurrence).RecordOutcomeAsync(plan.Attempt, Failures.Outcome(plan, success: false))).NextPlan!;
        var breakerBefore = await Client.Breaker(component).GetSnapshotAsync();

        var failed = Enumerable.Range(1, 20).Select(i => Record(i, occurrence, success: false, withFallback: false)).ToList();
        Assert.Equal(20, await Client.Grain(occurrence).RecordOfflineAsync(new OfflineBatch("worker-2", Guid.NewGuid(), failed)));

        var report = (await Client.Grain(occurrence).GetReportAsync())!;
        Assert.Equal((1, ErrorStatus.Retrying, RecoveryLevel.Enhanced, next.Attempt), (report.Episode, report.Status, report.CurrentLevel, report.PendingPlan!.Attempt));
        Assert.Equal(21, report.AggregatedCount);
        var breakerAfter = await Client.Breaker(component).GetSnapshotAsync();
        Assert.Equal((breakerBefore.State, breakerBefore.Version), (breakerAfter.State, breakerAfter.Version));

        // The pending plan still answers as before.
        var resolved = await Client.Grain(occurrence).RecordOutcomeAsync(next.Attempt, Failures.Outcome(next, success: true));
        Assert.Equal(ErrorStatus.Resolved, resolved.Status);
    }

    [Fact]
    public async Task A_new_epoch_of_the_same_worker_starts_its_sequence_again()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("search"), worker: "worker-3", type: ErrorType.Network);
        Assert.Equal(2, await Client.Grain(occurrence).RecordOfflineAsync(new OfflineBatch("worker-3", Guid.NewGuid(), [Record(1, occurrence, true), Record(2, occurrence, true)])));
        Assert.Equal(1, await Client.Grain(occurrence).RecordOfflineAsync(new OfflineBatch("worker-3", Guid.NewGuid(), [Record(1, occurrence, true)])));
        Assert.Equal(3, (await Client.Grain(occurrence).GetReportAsync())!.AggregatedCount);
    }

    [Fact]
    public async Task Bad_records_are_refused_naming_the_field_and_nothing_is_taken()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("files"), worker: "worker-4", type: ErrorType.Network);
        var grain = Client.Grain(occurrence);
        var good = Record(1, occurrence, true);
        var cases = new (OfflineBatch Batch, string Field)[]
        {
            (new OfflineBatch("worker-4", Guid.Empty, [good]), "epoch"),
            (new OfflineBatch("worker-4", Guid.NewGuid(), [good, Record(1, occurrence, true)]), "sequence"),
            (new OfflineBatch("worker-9", Guid.NewGuid(), [good]), "workerId"),
            (new OfflineBatch("worker-4", Guid.NewGuid(), [good with { Outcomes = [] }]), "outcomes"),
            (new OfflineBatch("worker-4", Guid.NewGuid(), [good with { Outcomes = [good.Outcomes[0] with { OutcomeId = null }] }]), "outcomeId"),
            (new OfflineBatch("worker-4", Guid.NewGuid(), [good with { Outcomes = [good.Outcomes[0] with { StrategyId = "teleport" }] }]), "strategyId"),
            (new OfflineBatch("worker-4", Guid.NewGuid(), [good with { Occurrence = occurrence with { Timestamp = fixture.Time.GetUtcNow().AddHours(1) } }]), "timestamp"),
            (new OfflineBatch("worker-4", Guid.NewGuid(), [Record(1, occurrence with { Message = "another message" }, true)]), "errorId"),
            (new OfflineBatch("worker-4", Guid.NewGuid(), Enumerable.Range(1, Limits.MaxOfflineBatch + 1).Select(i => Record(i, occurrence, true)).ToList()), "recoveries"),
        };

        foreach (var (batch, field) in cases)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.RecordOfflineAsync(batch));
            Assert.Contains($"(Parameter '{field}')", error.Message, StringComparison.Ordinal);
        }

        Assert.Null(await grain.GetReportAsync());
    }

    /// <summary>The record of the <paramref name="sequence"/>-th failure, one minute apart: a retry, and the fallback when it failed.</summary>
    private OfflineRecovery Record(int sequence, ErrorOccurrence occurrence, bool success, bool withFallback = true)
    {
        var retry = new RecoveryOutcome(StrategyIds.Retry, success, TimeSpan.FromSeconds(0.2), OutcomeId: Guid.NewGuid());
        var fallback = new RecoveryOutcome(StrategyIds.Fallback, true, TimeSpan.FromMilliseconds(5), OutcomeId: Guid.NewGuid());
        return new OfflineRecovery(sequence, occurrence with { Timestamp = _earlier.AddMinutes(sequence) }, success || !withFallback ? [retry] : [retry, fallback]);
    }

    private IStrategyStatsGrain Stats(string strategyId) => Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Validation, strategyId));
}
