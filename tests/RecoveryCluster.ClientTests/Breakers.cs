using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests;

public static class Breakers
{
    public static string NewComponent(string name) => $"{name}-{Guid.NewGuid():N}";

    /// <summary>
    /// Opens a breaker the way the fleet would: counted failures from two workers, until it opens. A client's batched
    /// successes may land between them and break the chain, so this goes on (a bounded number of times) rather than
    /// counting on five in a row.
    /// </summary>
    public static async Task OpenAsync(IGrainFactory grains, string component)
    {
        var breaker = grains.GetGrain<ICircuitBreakerGrain>(component);
        for (var i = 0; i < 50; i++)
        {
            var verdict = await breaker.RecordFailureAsync(new FailureSignal(i % 2 == 0 ? "other-a" : "other-b", ErrorType.Network, ErrorSeverity.High, "down"));
            if (verdict.Circuit.State == CircuitState.Open)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The breaker of '{component}' did not open after 50 failures.");
    }
}
