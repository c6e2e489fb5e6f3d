using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Strategies;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>Builds the context a strategy gets, around an operation the test controls.</summary>
public static class StrategyContexts
{
    public static RecoveryContext For(
        Func<CancellationToken, Task<object?>> operation, RecoveryLevel level = RecoveryLevel.Basic, ExecuteOptions? options = null,
        IRecoveryActions? actions = null, Exception? error = null, string? patternId = null) =>
        new("orders-db", "Save", operation, error ?? new TimeoutException("first failure"),
            new ErrorClassification(ErrorType.Timeout, ErrorSeverity.Medium, patternId),
            new RecoveryPlan("timeout-0000000000000001", 1, level, "test", TimeSpan.FromSeconds(30), CircuitState.Closed, [], "test"),
            options ?? ExecuteOptions.Default, actions ?? new RecordingActions(), TimeProvider.System);

    /// <summary>An operation that fails <paramref name="failures"/> times, then returns <paramref name="value"/>; counts its calls.</summary>
    public sealed class Flaky(int failures, object? value = null)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<object?> RunAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? Task.FromException<object?>(new InvalidOperationException($"failure {Calls}"))
                : Task.FromResult(value);
    }
}
