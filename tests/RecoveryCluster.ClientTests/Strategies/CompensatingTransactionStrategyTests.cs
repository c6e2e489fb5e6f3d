using RecoveryCluster.Client;
using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class CompensatingTransactionStrategyTests
{
    private readonly CallLog _log = new();
    private readonly TimeoutException _original = new("payment provider did not answer");

    private Func<CancellationToken, Task> Undo(string step) => _ => _log.Add($"undo {step}");

    [Fact]
    public async Task Compensations_run_in_reverse_order_then_the_operation_runs_again()
    {
        var operation = new ScriptedOperation(_log, failures: 0, value: "order placed");
        var options = new ExecuteOptions
        {
            TaskIds = ["t-1"],
            Compensations = [Undo("reserve stock"), Undo("charge card"), Undo("send receipt")],
        };

        var result = await new CompensatingTransactionStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, options: options, error: _original), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal("order placed", result.Value);
        Assert.Equal(["undo send receipt", "undo charge card", "undo reserve stock", "operation"], _log.Calls);
        Assert.Equal((1, 1), (result.AffectedTasks, result.RecoveredTasks));
    }

    [Fact]
    public async Task Without_compensations_the_operation_simply_runs_again()
    {
        var operation = new ScriptedOperation(_log, failures: 0, value: 5);

        var result = await new CompensatingTransactionStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, error: _original), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(5, result.Value);
        Assert.Equal(["operation"], _log.Calls);
    }

    [Fact]
    public async Task A_failing_compensation_stops_the_walk_so_earlier_steps_are_not_undone_and_the_operation_does_not_run()
    {
        var refundFailed = new InvalidOperationException("refund rejected");
        var operation = new ScriptedOperation(_log, failures: 0);
        var options = new ExecuteOptions
        {
            TaskIds = ["t-1", "t-2"],
            Compensations =
            [
                Undo("reserve stock"),
                _ => throw refundFailed,
                Undo("send receipt"),
            ],
        };

        var result = await new CompensatingTransactionStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, options: options, error: _original), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(["undo send receipt"], _log.Calls);
        Assert.Equal(0, operation.Calls);
        var both = Assert.IsType<AggregateException>(result.Error);
        Assert.Equal<Exception>([_original, refundFailed], both.InnerExceptions);
        Assert.Equal("compensation 2 failed", result.Detail);
        Assert.Equal(2, result.AffectedTasks);
    }

    [Fact]
    public async Task When_the_operation_fails_again_after_compensating_the_result_is_its_new_error()
    {
        var operation = new ScriptedOperation(_log, failures: int.MaxValue);
        var options = new ExecuteOptions { Compensations = [Undo("reserve stock")] };

        var result = await new CompensatingTransactionStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, options: options, error: _original), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(operation.Thrown[0], result.Error);
        Assert.Equal(["undo reserve stock", "operation"], _log.Calls);
    }
}
