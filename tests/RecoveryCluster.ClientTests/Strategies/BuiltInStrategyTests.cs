using RecoveryCluster.Client;
using RecoveryCluster.Client.Strategies;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class BuiltInStrategyTests
{
    [Theory]
    [InlineData(1, 100, 2, 10_000, 100)]
    [InlineData(3, 100, 2, 10_000, 400)]
    [InlineData(10, 100, 2, 1_000, 1_000)]
    public void Backoff_delays_stay_within_a_quarter_of_the_capped_exponential(int attempt, double initialMs, double factor, double maxMs, double nominalMs)
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var delay = BackoffDelay.Compute(attempt, TimeSpan.FromMilliseconds(initialMs), factor, TimeSpan.FromMilliseconds(maxMs), random.NextDouble() * 2 - 1);
            Assert.InRange(delay.TotalMilliseconds, nominalMs * 0.75 - 1e-9, nominalMs * 1.25 + 1e-9);
        }

        Assert.Equal(nominalMs * 0.75, BackoffDelay.Compute(attempt, TimeSpan.FromMilliseconds(initialMs), factor, TimeSpan.FromMilliseconds(maxMs), -1).TotalMilliseconds, 6);
        Assert.Equal(nominalMs * 1.25, BackoffDelay.Compute(attempt, TimeSpan.FromMilliseconds(initialMs), factor, TimeSpan.FromMilliseconds(maxMs), 1).TotalMilliseconds, 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffDelay.Compute(0, TimeSpan.FromMilliseconds(1), 2, TimeSpan.FromSeconds(1), 0));
    }

    [Fact]
    public async Task Retry_recovers_an_operation_that_fails_twice_at_level_1()
    {
        var flaky = new StrategyContexts.Flaky(failures: 2, value: "done");
        var result = await new RetryStrategy().ExecuteAsync(StrategyContexts.For(flaky.RunAsync), CancellationToken.None);
        Assert.True(result.Success);
        Assert.Equal("done", result.Value);
        Assert.Equal(3, flaky.Calls);
    }

    [Theory]
    [InlineData(RecoveryLevel.Basic, 3)]
    [InlineData(RecoveryLevel.Enhanced, 5)]
    public async Task Retry_gives_up_after_its_attempts_for_the_level(RecoveryLevel level, int attempts)
    {
        var flaky = new StrategyContexts.Flaky(failures: int.MaxValue);
        var result = await new RetryStrategy().ExecuteAsync(StrategyContexts.For(flaky.RunAsync, level), CancellationToken.None);
        Assert.False(result.Success);
        Assert.Equal(attempts, flaky.Calls);
        Assert.Equal($"failure {attempts}", result.Error!.Message);
    }

    [Fact]
    public async Task Fallback_returns_the_fallbacks_value_and_keeps_both_errors_when_it_fails_too()
    {
        var original = new TimeoutException("first failure");
        var ok = await new FallbackStrategy().ExecuteAsync(
            StrategyContexts.For(_ => throw original, options: new ExecuteOptions().WithFallback(_ => Task.FromResult(42)), error: original), CancellationToken.None);
        Assert.True(ok.Success);
        Assert.Equal(42, ok.Value);

        var fallbackError = new InvalidOperationException("cache down");
        var both = await new FallbackStrategy().ExecuteAsync(
            StrategyContexts.For(_ => throw original, options: new ExecuteOptions().WithFallback<int>(_ => throw fallbackError), error: original), CancellationToken.None);
        Assert.False(both.Success);
        var aggregate = Assert.IsType<AggregateException>(both.Error);
        Assert.Equal([original, fallbackError], aggregate.InnerExceptions);

        var none = await new FallbackStrategy().ExecuteAsync(StrategyContexts.For(_ => throw original, error: original), CancellationToken.None);
        Assert.False(none.Success);
        Assert.Same(original, none.Error);
    }

    [Fact]
    public async Task Degradation_walks_its_levels_in_order_and_stops_at_the_first_that_works()
    {
        var called = new List<int>();
        Func<CancellationToken, Task<string>> Level(int n, bool works) => _ =>
        {
            called.Add(n);
            return works ? Task.FromResult($"level {n}") : throw new InvalidOperationException($"level {n} failed");
        };

        var result = await new GracefulDegradationStrategy().ExecuteAsync(
            StrategyContexts.For(_ => throw new TimeoutException(), options: new ExecuteOptions().WithDegradation(Level(1, false), Level(2, true), Level(3, true))),
            CancellationToken.None);
        Assert.True(result.Success);
        Assert.Equal("level 2", result.Value);
        Assert.Equal([1, 2], called);

        var allFail = await new GracefulDegradationStrategy().ExecuteAsync(
            StrategyContexts.For(_ => throw new TimeoutException(), options: new ExecuteOptions().WithDegradation(Level(1, false), Level(2, false))),
            CancellationToken.None);
        Assert.False(allFail.Success);
        Assert.Equal(3, Assert.IsType<AggregateException>(allFail.Error).InnerExceptions.Count);
    }

    [Fact]
    public async Task Compensations_run_in_reverse_order_then_the_operation_runs_again()
    {
        var order = new List<string>();
        Func<CancellationToken, Task> Undo(string step) => _ =>
        {
            order.Add(step);
            return Task.CompletedTask;
        };

        var flaky = new StrategyContexts.Flaky(failures: 0, value: "committed");
        var options = new ExecuteOptions { Compensations = [Undo("reserve stock"), Undo("charge card"), Undo("send mail")] };
        var result = await new CompensatingTransactionStrategy().ExecuteAsync(StrategyContexts.For(flaky.RunAsync, options: options), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(["send mail", "charge card", "reserve stock"], order);
        Assert.Equal(1, flaky.Calls);
    }

    [Fact]
    public async Task A_failing_compensation_stops_the_walk_and_keeps_both_errors()
    {
        var order = new List<string>();
        var options = new ExecuteOptions
        {
            Compensations =
            [
                _ => { order.Add("first"); return Task.CompletedTask; },
                _ => throw new InvalidOperationException("refund failed"),
                _ => { order.Add("third"); return Task.CompletedTask; },
            ],
        };
        var flaky = new StrategyContexts.Flaky(failures: 0);
        var result = await new CompensatingTransactionStrategy().ExecuteAsync(StrategyContexts.For(flaky.RunAsync, options: options), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(["third"], order);
        Assert.Equal(0, flaky.Calls);
        Assert.Equal(2, Assert.IsType<AggregateException>(result.Error).InnerExceptions.Count);
    }

    [Fact]
    public async Task Error_correction_applies_the_fix_for_the_matched_pattern_then_runs_again()
    {
        var noPattern = await new ErrorCorrectionStrategy().ExecuteAsync(StrategyContexts.For(_ => Task.FromResult<object?>(1)), CancellationToken.None);
        Assert.False(noPattern.Success);

        var noFix = new RecordingActions(corrects: false);
        var unfixed = await new ErrorCorrectionStrategy().ExecuteAsync(
            StrategyContexts.For(_ => Task.FromResult<object?>(1), actions: noFix, patternId: "validation-failed"), CancellationToken.None);
        Assert.False(unfixed.Success);
        Assert.Equal(["correct validation-failed"], noFix.Calls);

        var fixes = new RecordingActions(corrects: true);
        var fixedResult = await new ErrorCorrectionStrategy().ExecuteAsync(
            StrategyContexts.For(_ => Task.FromResult<object?>("ok"), actions: fixes, patternId: "validation-failed"), CancellationToken.None);
        Assert.True(fixedResult.Success);
        Assert.Equal("ok", fixedResult.Value);
    }

    public static TheoryData<string, string> Repairs => new()
    {
        { StrategyIds.Reconnect, "reconnect orders-db" },
        { StrategyIds.DatabaseReconnect, "reset-db orders-db" },
        { StrategyIds.WorkerRecovery, "migrate orders-db 3" },
        { StrategyIds.CoordinatorRecovery, "coordinator orders-db" },
        { StrategyIds.SystemRecovery, "reduce-load orders-db" },
    };

    [Theory]
    [MemberData(nameof(Repairs))]
    public async Task Repair_strategies_repair_once_then_run_the_operation_again(string strategyId, string expectedCall)
    {
        var registry = new StrategyRegistry([]);
        Assert.True(registry.TryGet(strategyId, out var strategy));
        var actions = new RecordingActions(migrated: 5);
        var flaky = new StrategyContexts.Flaky(failures: 0, value: "back");
        var options = new ExecuteOptions { TaskIds = ["t1", "t2", "t3"] };

        var result = await strategy.ExecuteAsync(StrategyContexts.For(flaky.RunAsync, options: options, actions: actions), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal("back", result.Value);
        Assert.Equal([expectedCall], actions.Calls);
        Assert.Equal(1, flaky.Calls);
        Assert.Equal(3, result.AffectedTasks);
        Assert.Equal(3, result.RecoveredTasks);
    }

    [Fact]
    public async Task Escalation_tells_a_person_and_never_recovers()
    {
        var actions = new RecordingActions();
        var error = new TimeoutException("gone");
        var result = await new EscalationStrategy().ExecuteAsync(StrategyContexts.For(_ => Task.FromResult<object?>(1), actions: actions, error: error), CancellationToken.None);
        Assert.False(result.Success);
        Assert.Equal(new EscalationNotice("timeout-0000000000000001", "orders-db", "Save", error), actions.Escalated);
    }

    [Fact]
    public void The_registry_has_every_built_in_and_a_custom_strategy_replaces_one()
    {
        var ids = typeof(StrategyIds).GetFields().Select(f => (string)f.GetValue(null)!).ToArray();
        var registry = new StrategyRegistry([new CustomRetry()]);
        foreach (var id in ids)
        {
            Assert.True(registry.TryGet(id, out _), $"no built-in strategy '{id}'");
        }

        Assert.True(registry.TryGet(StrategyIds.Retry, out var retry));
        Assert.IsType<CustomRetry>(retry);
    }

    private sealed class CustomRetry : IRecoveryStrategy
    {
        public string Id => StrategyIds.Retry;

        public Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken) =>
            Task.FromResult(StrategyResult.Recovered(null));
    }
}
