using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class EscalationStrategyTests
{
    [Theory]
    [InlineData(RecoveryLevel.Basic)]
    [InlineData(RecoveryLevel.Critical)]
    public async Task It_escalates_with_the_error_id_component_operation_and_error_and_never_succeeds(RecoveryLevel level)
    {
        var log = new CallLog();
        var actions = new CallLogActions(log);
        var error = new TimeoutException("orders-db failed every level");

        var result = await new EscalationStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, level, actions: actions, error: error), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(error, result.Error);
        Assert.Null(result.Value);
        var notice = Assert.Single(actions.Notices);
        Assert.Equal(new EscalationNotice(TestContexts.ErrorId, TestContexts.Component, TestContexts.Operation, error), notice);
        Assert.Same(error, notice.Error);
        Assert.Equal([$"escalate {TestContexts.ErrorId}"], log.Calls);
    }

    [Fact]
    public async Task With_the_default_actions_it_still_fails()
    {
        var error = new TimeoutException("nobody to call");

        var result = await new EscalationStrategy().ExecuteAsync(TestContexts.Create(TestContexts.MustNotRun, error: error), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(error, result.Error);
    }
}
