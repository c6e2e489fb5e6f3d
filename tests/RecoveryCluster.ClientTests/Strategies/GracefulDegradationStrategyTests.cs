using RecoveryCluster.Client;
using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class GracefulDegradationStrategyTests
{
    private readonly CallLog _log = new();
    private readonly TimeoutException _original = new("recommendations did not answer");
    private readonly Dictionary<int, Exception> _levelErrors = [];

    private Func<CancellationToken, Task<string>> Level(int n, bool works) => async _ =>
    {
        await _log.Add($"level {n}");
        if (!works)
        {
            var error = new InvalidOperationException($"level {n} failed");
            _levelErrors[n] = error;
            throw error;
        }

        return $"served by level {n}";
    };

    [Fact]
    public async Task Levels_are_tried_in_order_and_the_first_success_is_the_result_so_later_levels_never_run()
    {
        var options = new ExecuteOptions { TaskIds = ["t-1", "t-2"] }
            .WithDegradation(Level(1, works: false), Level(2, works: false), Level(3, works: true), Level(4, works: true));

        var result = await new GracefulDegradationStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal("served by level 3", result.Value);
        Assert.Equal(["level 1", "level 2", "level 3"], _log.Calls);
        Assert.Equal("degraded to level 3 of 4", result.Detail);
        Assert.Equal((2, 2), (result.AffectedTasks, result.RecoveredTasks));
    }

    [Fact]
    public async Task A_working_first_level_is_the_only_one_called()
    {
        var options = new ExecuteOptions().WithDegradation(Level(1, works: true), Level(2, works: true));

        var result = await new GracefulDegradationStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), CancellationToken.None);

        Assert.Equal("served by level 1", result.Value);
        Assert.Equal(["level 1"], _log.Calls);
    }

    [Fact]
    public async Task When_every_level_fails_the_error_holds_the_original_and_each_levels_error_in_order()
    {
        var options = new ExecuteOptions().WithDegradation(Level(1, works: false), Level(2, works: false), Level(3, works: false));

        var result = await new GracefulDegradationStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(["level 1", "level 2", "level 3"], _log.Calls);
        var all = Assert.IsType<AggregateException>(result.Error);
        Assert.Equal<Exception>([_original, _levelErrors[1], _levelErrors[2], _levelErrors[3]], all.InnerExceptions);
    }

    [Fact]
    public async Task Without_levels_it_fails_with_the_original_error()
    {
        var result = await new GracefulDegradationStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, error: _original), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(_original, result.Error);
    }

    [Fact]
    public async Task An_empty_list_of_levels_fails_with_the_original_error()
    {
        var options = new ExecuteOptions().WithDegradation<string>();

        var result = await new GracefulDegradationStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, options: options, error: _original), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(_original, result.Error);
    }
}
