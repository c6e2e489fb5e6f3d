using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>Builds the <see cref="RecoveryContext"/> a strategy receives, around pieces the test controls.</summary>
public static class TestContexts
{
    public const string Component = "orders-db";
    public const string Operation = "SaveOrder";
    public const string ErrorId = "timeout-00000000000000a1";

    public static RecoveryContext Create(
        Func<CancellationToken, Task<object?>> operation,
        RecoveryLevel level = RecoveryLevel.Basic,
        ExecuteOptions? options = null,
        IRecoveryActions? actions = null,
        Exception? error = null,
        string? patternId = null,
        TimeProvider? timeProvider = null,
        ErrorPattern? pattern = null,
        ErrorCorrections? corrections = null) =>
        new(
            Component,
            Operation,
            operation,
            error ?? new TimeoutException("the first call failed"),
            new ErrorClassification(ErrorType.Timeout, ErrorSeverity.Medium, pattern?.Id ?? patternId),
            new RecoveryPlan(ErrorId, 1, level, "test-strategy", TimeSpan.FromSeconds(30), CircuitState.Closed, [], "chosen by the test"),
            options ?? ExecuteOptions.Default,
            actions ?? new NoRecoveryActions(),
            timeProvider ?? TimeProvider.System,
            pattern,
            corrections);

    /// <summary>An operation the strategy must not run; throws if it does.</summary>
    public static Task<object?> MustNotRun(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the strategy ran the operation, which it must not do here");
}
