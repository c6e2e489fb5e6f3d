using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Strategies;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class ErrorCorrectionStrategyTests
{
    private readonly CallLog _log = new();
    private readonly InvalidOperationException _original = new("Validation failed: 'email' is required");

    [Fact]
    public async Task Without_a_matched_pattern_it_fails_with_the_original_error_and_asks_for_no_correction()
    {
        var actions = new CallLogActions(_log) { Corrects = true };

        var result = await new ErrorCorrectionStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, actions: actions, error: _original, patternId: null), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(_original, result.Error);
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public async Task When_no_correction_exists_for_the_pattern_it_fails_with_the_original_error_without_running_the_operation()
    {
        var actions = new CallLogActions(_log) { Corrects = false };

        var result = await new ErrorCorrectionStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, actions: actions, error: _original, patternId: DefaultErrorPatterns.ValidationFailed),
            CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(_original, result.Error);
        Assert.Equal(["correct validation-failed"], _log.Calls);
    }

    [Fact]
    public async Task When_the_correction_is_applied_the_operation_runs_again_and_recovers()
    {
        var actions = new CallLogActions(_log) { Corrects = true };
        var operation = new ScriptedOperation(_log, failures: 0, value: "customer saved");

        var result = await new ErrorCorrectionStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, actions: actions, error: _original, patternId: DefaultErrorPatterns.ValidationFailed),
            CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal("customer saved", result.Value);
        Assert.Equal(["correct validation-failed", "operation"], _log.Calls);
    }

    [Fact]
    public async Task When_the_corrected_operation_still_fails_it_is_run_once_and_the_result_is_its_error()
    {
        var actions = new CallLogActions(_log) { Corrects = true };
        var operation = new ScriptedOperation(_log, failures: int.MaxValue);

        var result = await new ErrorCorrectionStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, actions: actions, error: _original, patternId: DefaultErrorPatterns.ValidationFailed),
            CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(operation.Thrown[0], result.Error);
        Assert.Equal(1, operation.Calls);
    }
}
