using RecoveryCluster.Client;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class RetryStrategyTests
{
    private readonly DelayRecordingTimeProvider _clock = new();

    [Fact]
    public async Task An_operation_that_fails_twice_then_succeeds_recovers_with_its_value_on_the_third_attempt_at_level_1()
    {
        var operation = new ScriptedOperation(failures: 2, value: "order 17 saved");
        var context = TestContexts.Create(operation.RunAsync, RecoveryLevel.Basic, timeProvider: _clock);

        var result = await _clock.DriveAsync(new RetryStrategy().ExecuteAsync(context, CancellationToken.None));

        Assert.True(result.Success);
        Assert.Equal("order 17 saved", result.Value);
        Assert.Null(result.Error);
        Assert.Equal(3, operation.Calls);
    }

    [Theory]
    [InlineData(RecoveryLevel.Basic, 3)]
    [InlineData(RecoveryLevel.Enhanced, 5)]
    [InlineData(RecoveryLevel.Component, 5)]
    [InlineData(RecoveryLevel.Critical, 5)]
    public async Task An_operation_that_always_fails_is_called_exactly_the_levels_attempts_and_fails_with_the_last_error(RecoveryLevel level, int attempts)
    {
        var operation = new ScriptedOperation(failures: int.MaxValue);
        var context = TestContexts.Create(operation.RunAsync, level, timeProvider: _clock);

        var result = await _clock.DriveAsync(new RetryStrategy().ExecuteAsync(context, CancellationToken.None));

        Assert.False(result.Success);
        Assert.Null(result.Value);
        Assert.Equal(attempts, operation.Calls);
        Assert.Same(operation.Thrown[^1], result.Error);
        Assert.Equal($"failure {attempts}", result.Error!.Message);
    }

    [Fact]
    public async Task Level_1_waits_the_basic_backoff_between_attempts_on_the_injected_clock()
    {
        var operation = new ScriptedOperation(failures: int.MaxValue);
        var context = TestContexts.Create(operation.RunAsync, RecoveryLevel.Basic, timeProvider: _clock);

        await _clock.DriveAsync(new RetryStrategy().ExecuteAsync(context, CancellationToken.None));

        // 50 ms then 100 ms, each ±25 % (in whole milliseconds: a bound may arrive one millisecond outside).
        Assert.Equal(2, _clock.Delays.Count);
        Assert.InRange(_clock.Delays[0].TotalMilliseconds, 37, 63);
        Assert.InRange(_clock.Delays[1].TotalMilliseconds, 74, 126);
    }

    [Fact]
    public async Task Level_2_waits_the_extended_backoff_between_attempts_on_the_injected_clock()
    {
        var operation = new ScriptedOperation(failures: int.MaxValue);
        var context = TestContexts.Create(operation.RunAsync, RecoveryLevel.Enhanced, timeProvider: _clock);

        await _clock.DriveAsync(new RetryStrategy().ExecuteAsync(context, CancellationToken.None));

        // 100, 200, 400, 800 ms, each ±25 %.
        double[] nominal = [100, 200, 400, 800];
        Assert.Equal(nominal.Length, _clock.Delays.Count);
        for (var i = 0; i < nominal.Length; i++)
        {
            Assert.InRange(_clock.Delays[i].TotalMilliseconds, 0.75 * nominal[i] - 1, 1.25 * nominal[i] + 1); // whole milliseconds
        }
    }

    [Fact]
    public async Task An_operation_that_succeeds_at_once_is_called_once_without_any_delay()
    {
        var operation = new ScriptedOperation(failures: 0, value: 42);
        var context = TestContexts.Create(operation.RunAsync, timeProvider: _clock);

        var result = await new RetryStrategy().ExecuteAsync(context, CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(42, result.Value);
        Assert.Equal(1, operation.Calls);
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task Affected_and_recovered_tasks_are_the_calls_task_ids()
    {
        var operation = new ScriptedOperation(failures: 0);
        var options = new ExecuteOptions { TaskIds = ["t-1", "t-2"] };

        var result = await new RetryStrategy().ExecuteAsync(TestContexts.Create(operation.RunAsync, options: options, timeProvider: _clock), CancellationToken.None);

        Assert.Equal((2, 2), (result.AffectedTasks, result.RecoveredTasks));
    }

    [Fact]
    public async Task A_token_cancelled_during_the_backoff_delay_ends_the_retry_with_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        var operation = new ScriptedOperation(failures: int.MaxValue);
        var context = TestContexts.Create(operation.RunAsync, RecoveryLevel.Enhanced, timeProvider: _clock);

        var run = new RetryStrategy().ExecuteAsync(context, cancellation.Token);
        await _clock.NextDelayAsync();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(1, operation.Calls);
    }

    [Fact]
    public async Task A_token_cancelled_while_the_operation_fails_stops_further_attempts_and_returns_that_failure()
    {
        using var cancellation = new CancellationTokenSource();
        var operation = new ScriptedOperation(failures: int.MaxValue) { OnCall = _ => cancellation.Cancel() };
        var context = TestContexts.Create(operation.RunAsync, RecoveryLevel.Enhanced, timeProvider: _clock);

        var result = await new RetryStrategy().ExecuteAsync(context, cancellation.Token);

        Assert.False(result.Success);
        Assert.Same(operation.Thrown[0], result.Error);
        Assert.Equal(1, operation.Calls);
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_retry_starts_never_runs_the_operation()
    {
        var operation = new ScriptedOperation(failures: 0, value: "unused");
        var context = TestContexts.Create(operation.RunAsync, RecoveryLevel.Basic, timeProvider: _clock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RetryStrategy().ExecuteAsync(context, new CancellationToken(canceled: true)));

        Assert.Equal(0, operation.Calls);
    }

    [Fact]
    public async Task An_OperationCanceledException_from_the_operation_itself_is_retried_while_the_callers_token_is_live()
    {
        // The operation's own timeout is a failure to recover from, not the caller giving up.
        var calls = 0;
        var context = TestContexts.Create(
            _ => ++calls < 3 ? throw new OperationCanceledException("the database call timed out") : Task.FromResult<object?>("saved"),
            RecoveryLevel.Basic,
            timeProvider: _clock);

        var result = await _clock.DriveAsync(new RetryStrategy().ExecuteAsync(context, CancellationToken.None));

        Assert.True(result.Success);
        Assert.Equal("saved", result.Value);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Retries_on_the_system_clock_finish_within_the_basic_backoff()
    {
        // One run on real time: two waits of at most 62.5 ms and 125 ms.
        var operation = new ScriptedOperation(failures: 2, value: "saved");
        var context = TestContexts.Create(operation.RunAsync, RecoveryLevel.Basic);
        var started = TimeProvider.System.GetTimestamp();

        var result = await new RetryStrategy().ExecuteAsync(context, CancellationToken.None);

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.True(result.Success);
        Assert.Equal(3, operation.Calls);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(100), $"Expected about 37.5 + 75 ms of backoff at least; took {elapsed.TotalMilliseconds} ms.");
    }

    [Theory]
    [InlineData(RecoveryLevel.Basic, 1)]
    [InlineData(RecoveryLevel.Basic, 6)]
    [InlineData(RecoveryLevel.Enhanced, 2)]
    public async Task A_matched_patterns_max_retries_sets_how_often_the_operation_runs_again_at_every_level(RecoveryLevel level, int maxRetries)
    {
        var operation = new ScriptedOperation(failures: int.MaxValue);
        var pattern = ErrorPattern.Create("flaky-render", "render", ErrorType.Task, ErrorSeverity.Low, 100, maxRetries: maxRetries);
        var context = TestContexts.Create(operation.RunAsync, level, timeProvider: _clock, pattern: pattern);

        var result = await _clock.DriveAsync(new RetryStrategy().ExecuteAsync(context, CancellationToken.None));

        Assert.False(result.Success);
        Assert.Equal(maxRetries, operation.Calls);
    }

    [Fact]
    public async Task A_matched_pattern_with_no_retries_fails_at_once_without_running_the_operation()
    {
        var original = new InvalidOperationException("render failed");
        var pattern = ErrorPattern.Create("render-never-retry", "render", ErrorType.Task, ErrorSeverity.Low, 100, maxRetries: 0);
        var context = TestContexts.Create(TestContexts.MustNotRun, error: original, timeProvider: _clock, pattern: pattern);

        var result = await new RetryStrategy().ExecuteAsync(context, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(original, result.Error);
        Assert.Equal("error pattern 'render-never-retry' allows no retries", result.Detail);
    }
}
