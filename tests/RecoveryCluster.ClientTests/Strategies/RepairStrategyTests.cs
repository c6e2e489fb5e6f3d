using RecoveryCluster.Client;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class RepairStrategyTests
{
    private readonly CallLog _log = new();
    private readonly ExecuteOptions _threeTasks = new() { TaskIds = ["t-1", "t-2", "t-3"] };

    public static TheoryData<IRecoveryStrategy, string, string> Repairs => new()
    {
        { new ReconnectStrategy(), StrategyIds.Reconnect, "reconnect orders-db" },
        { new DatabaseReconnectStrategy(), StrategyIds.DatabaseReconnect, "reset-db orders-db" },
        { new WorkerRecoveryStrategy(), StrategyIds.WorkerRecovery, "migrate orders-db [t-1,t-2,t-3]" },
        { new CoordinatorRecoveryStrategy(), StrategyIds.CoordinatorRecovery, "coordinator orders-db" },
        { new SystemRecoveryStrategy(), StrategyIds.SystemRecovery, "reduce-load orders-db" },
    };

    [Theory]
    [MemberData(nameof(Repairs))]
    public async Task Each_repair_calls_its_action_once_with_the_component_then_runs_the_operation_again(
        IRecoveryStrategy strategy, string id, string expectedRepair)
    {
        var actions = new CallLogActions(_log) { Migrated = 3 };
        var operation = new ScriptedOperation(_log, failures: 0, value: "back online");

        var result = await strategy.ExecuteAsync(TestContexts.Create(operation.RunAsync, options: _threeTasks, actions: actions), CancellationToken.None);

        Assert.Equal(id, strategy.Id);
        Assert.True(result.Success);
        Assert.Equal("back online", result.Value);
        Assert.Equal([expectedRepair, "operation"], _log.Calls);
        Assert.Equal((3, 3), (result.AffectedTasks, result.RecoveredTasks));
    }

    [Theory]
    [MemberData(nameof(Repairs))]
    public async Task After_the_repair_a_failing_operation_is_tried_twice_then_fails_with_its_last_error(
        IRecoveryStrategy strategy, string id, string expectedRepair)
    {
        Assert.Equal(id, strategy.Id);
        var clock = new DelayRecordingTimeProvider();
        var actions = new CallLogActions(_log);
        var operation = new ScriptedOperation(_log, failures: int.MaxValue);

        var result = await clock.DriveAsync(strategy.ExecuteAsync(
            TestContexts.Create(operation.RunAsync, options: _threeTasks, actions: actions, timeProvider: clock), CancellationToken.None));

        Assert.False(result.Success);
        Assert.Same(operation.Thrown[^1], result.Error);
        Assert.Equal([expectedRepair, "operation", "operation"], _log.Calls);

        // One 50 ms (±25 %) wait between the two attempts; the timer gets it in whole milliseconds, so 37.5 may arrive as 37.
        var delay = Assert.Single(clock.Delays);
        Assert.InRange(delay.TotalMilliseconds, 37, 63);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 3)]
    public async Task Worker_recovery_reports_the_migrated_tasks_as_recovered_capped_at_the_affected_tasks(int migrated, int expectedRecovered)
    {
        var actions = new CallLogActions(_log) { Migrated = migrated };
        var operation = new ScriptedOperation(_log, failures: 0);

        var result = await new WorkerRecoveryStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, options: _threeTasks, actions: actions), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(3, result.AffectedTasks);
        Assert.Equal(expectedRecovered, result.RecoveredTasks);
    }

    [Fact]
    public async Task Worker_recovery_with_no_task_ids_migrates_an_empty_list_and_recovers_none()
    {
        var actions = new CallLogActions(_log) { Migrated = 4 };
        var operation = new ScriptedOperation(_log, failures: 0);

        var result = await new WorkerRecoveryStrategy().ExecuteAsync(TestContexts.Create(operation.RunAsync, actions: actions), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(["migrate orders-db []", "operation"], _log.Calls);
        Assert.Equal((0, 0), (result.AffectedTasks, result.RecoveredTasks));
    }

    [Fact]
    public async Task A_repair_that_throws_propagates_and_the_operation_is_not_run()
    {
        // IRecoveryStrategy: throwing counts as a failed outcome.
        var broken = new ThrowingReconnect(new IOException("no route to orders-db"));
        var operation = new ScriptedOperation(_log, failures: 0);

        var error = await Assert.ThrowsAsync<IOException>(() => new ReconnectStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, actions: broken), CancellationToken.None));

        Assert.Same(broken.Error, error);
        Assert.Equal(0, operation.Calls);
    }

    private sealed class ThrowingReconnect(Exception error) : NoRecoveryActions
    {
        public Exception Error { get; } = error;

        public override Task ReconnectAsync(string component, CancellationToken cancellationToken) => Task.FromException(Error);
    }
}
