using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests;

public static class Breakers
{
    public static string NewComponent(string name) => $"{name}-{Guid.NewGuid():N}";

    /// <summary>Opens a breaker the way the fleet would: counted failures from two workers.</summary>
    public static async Task OpenAsync(IGrainFactory grains, string component)
    {
        var breaker = grains.GetGrain<ICircuitBreakerGrain>(component);
        for (var i = 0; i < 5; i++)
        {
            await breaker.RecordFailureAsync(new FailureSignal(i % 2 == 0 ? "other-a" : "other-b", ErrorType.Network, ErrorSeverity.High, "down"));
        }
    }
}
