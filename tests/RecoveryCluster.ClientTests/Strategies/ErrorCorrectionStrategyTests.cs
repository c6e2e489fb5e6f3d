using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;

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

    [Fact]
    public async Task A_registered_rule_for_the_pattern_is_applied_instead_of_the_actions_then_the_operation_runs_again()
    {
        var actions = new CallLogActions(_log) { Corrects = false };
        var pattern = ErrorPattern.Create("missing-field", "is required", ErrorType.Validation, ErrorSeverity.Low, 100,
            metadata: new Dictionary<string, string> { ["default"] = "n/a" });
        var rules = new ErrorCorrections([new ErrorCorrectionRule("missing-field", async (context, _) =>
        {
            await _log.Add($"rule fills with {context.Pattern!.Metadata["default"]}");
            return true;
        })]);
        var operation = new ScriptedOperation(_log, failures: 0, value: "customer saved");

        var result = await new ErrorCorrectionStrategy().ExecuteAsync(
            TestContexts.Create(operation.RunAsync, actions: actions, error: _original, pattern: pattern, corrections: rules), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(["rule fills with n/a", "operation"], _log.Calls);
    }

    [Fact]
    public async Task A_rule_that_cannot_fix_the_failure_fails_with_the_original_error_without_running_the_operation()
    {
        var pattern = ErrorPattern.Create("missing-field", "is required", ErrorType.Validation, ErrorSeverity.Low, 100);
        var rules = new ErrorCorrections([new ErrorCorrectionRule("missing-field", (_, _) => Task.FromResult(false))]);

        var result = await new ErrorCorrectionStrategy().ExecuteAsync(
            TestContexts.Create(TestContexts.MustNotRun, error: _original, pattern: pattern, corrections: rules), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Same(_original, result.Error);
        Assert.Equal("the correction rule for pattern 'missing-field' could not fix this failure", result.Detail);
    }

    [Fact]
    public void Two_rules_for_one_pattern_are_refused_naming_the_pattern()
    {
        var error = Assert.Throws<ArgumentException>(() => new ErrorCorrections(
        [
            new ErrorCorrectionRule("missing-field", (_, _) => Task.FromResult(true)),
            new ErrorCorrectionRule("missing-field", (_, _) => Task.FromResult(true)),
        ]));

        Assert.Contains("'missing-field'", error.Message, StringComparison.Ordinal);
    }
}
