using RecoveryCluster.Client;
using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class FallbackStrategyTests
{
    private readonly TimeoutException _original = new("orders-db did not answer");

    [Fact]
    public async Task The_result_is_the_fallbacks_value_and_the_operation_is_not_run_again()
    {
        var options = new ExecuteOptions { TaskIds = ["t-1"] }.WithFallback(_ => Task.FromResult("cached order 17"));

        var result = await new FallbackStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal("cached order 17", result.Value);
        Assert.Null(result.Error);
        Assert.Equal((1, 1), (result.AffectedTasks, result.RecoveredTasks));
    }

    [Fact]
    public async Task Without_a_fallback_it_fails_with_the_original_error()
    {
        var result = await new FallbackStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, error: _original), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(_original, result.Error);
    }

    [Fact]
    public async Task When_the_fallback_throws_the_error_holds_both_the_original_and_the_fallbacks_error()
    {
        var fallbackError = new InvalidOperationException("the cache is down too");
        var options = new ExecuteOptions().WithFallback<string>(_ => throw fallbackError);

        var result = await new FallbackStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), CancellationToken.None);

        Assert.False(result.Success);
        var both = Assert.IsType<AggregateException>(result.Error);
        Assert.Equal<Exception>([_original, fallbackError], both.InnerExceptions);
    }

    [Fact]
    public async Task A_fallback_that_faults_asynchronously_keeps_both_errors_too()
    {
        var fallbackError = new IOException("replica unreachable");
        var options = new ExecuteOptions().WithFallback<int>(async _ =>
        {
            await Task.Yield();
            throw fallbackError;
        });

        var result = await new FallbackStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), CancellationToken.None);

        var both = Assert.IsType<AggregateException>(result.Error);
        Assert.Equal<Exception>([_original, fallbackError], both.InnerExceptions);
    }

    [Fact]
    public async Task The_fallback_gets_the_callers_token_and_a_cancellation_propagates()
    {
        using var cancellation = new CancellationTokenSource();
        var options = new ExecuteOptions().WithFallback<int>(ct =>
        {
            cancellation.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(1);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FallbackStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), cancellation.Token));
    }
}
