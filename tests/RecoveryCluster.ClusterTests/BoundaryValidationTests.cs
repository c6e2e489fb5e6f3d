using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class BoundaryValidationTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_breaker_keyed_by_an_over_long_component_refuses_every_call()
    {
        var breaker = Client.Breaker(new string('c', 257));
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => breaker.GetSnapshotAsync());
        error.AssertNamesField("component");
    }

    [Fact]
    public async Task A_breaker_refuses_bad_signals_and_keeps_its_counts()
    {
        var breaker = Client.Breaker(Failures.NewComponent("fx-rates"));
        await breaker.FailAsync("worker-a");

        (await Assert.ThrowsAnyAsync<ArgumentException>(() => breaker.RecordSuccessAsync("worker-a", 0))).AssertNamesField("count");
        (await Assert.ThrowsAnyAsync<ArgumentException>(() => breaker.RecordSuccessAsync(" ", 1))).AssertNamesField("workerId");
        (await Assert.ThrowsAnyAsync<ArgumentException>(() => breaker.RecordProbeSuccessAsync(" "))).AssertNamesField("workerId");
        (await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            breaker.RecordFailureAsync(new FailureSignal("worker-b", (ErrorType)99, ErrorSeverity.High)))).AssertNamesField("type");
        (await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            breaker.RecordFailureAsync(new FailureSignal("worker-b", ErrorType.Network, (ErrorSeverity)(-1))))).AssertNamesField("severity");
        (await Assert.ThrowsAnyAsync<ArgumentException>(() => breaker.IsolateAsync(""))).AssertNamesField("reason");

        var snapshot = await breaker.GetSnapshotAsync();
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(1, snapshot.CountedFailures);
        Assert.Equal(1, snapshot.DistinctReporters);
    }

    [Fact]
    public async Task A_statistics_grain_refuses_a_malformed_key()
    {
        var stats = Client.GetGrain<IStrategyStatsGrain>("no-slash-here");
        (await Assert.ThrowsAnyAsync<ArgumentException>(() => stats.GetSnapshotAsync())).AssertNamesField("key");
    }

    [Fact]
    public async Task A_statistics_grain_refuses_bad_executions_and_keeps_its_history()
    {
        var stats = Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Validation, StrategyIds.ErrorCorrection));
        await stats.ResetAsync();
        var good = new StrategyExecution(true, TimeSpan.FromSeconds(1), 2, 1, 0.2, 0.9, "host-a", false, RecoveryLevel.Basic, fixture.Time.GetUtcNow());
        await stats.RecordAsync(good);

        var bad = new (StrategyExecution Execution, string Field)[]
        {
            (good with { ImpactScore = double.NaN }, "impactScore"),
            (good with { ImpactScore = 1.5 }, "impactScore"),
            (good with { StabilityScore = -0.1 }, "stabilityScore"),
            (good with { ExecutionTime = TimeSpan.FromSeconds(-3) }, "executionTime"),
            (good with { RecoveredTasks = 5 }, "recoveredTasks"),
            (good with { AffectedTasks = -1, RecoveredTasks = 0 }, "affectedTasks"),
            (good with { Level = (RecoveryLevel)6 }, "level"),
            (good with { Level = 0 }, "level"),
            (good with { HardwareId = new string('h', 300) }, "hardwareId"),
        };
        foreach (var (execution, field) in bad)
        {
            (await Assert.ThrowsAnyAsync<ArgumentException>(() => stats.RecordAsync(execution))).AssertNamesField(field);
        }

        var snapshot = await stats.GetSnapshotAsync();
        Assert.Equal(1, snapshot.TotalExecutions);
        Assert.Equal(1, snapshot.WindowSamples);
    }

    [Fact]
    public async Task Resolving_an_error_never_reported_is_refused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.GetGrain<IErrorGrain>("task-00000000000000ff").ResolveAsync());
    }
}
