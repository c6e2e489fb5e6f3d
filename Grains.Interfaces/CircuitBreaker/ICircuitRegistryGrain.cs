namespace RecoveryCluster.CircuitBreaker;

/// <summary>The components that have a breaker (key <see cref="DefaultKey"/>). Breakers register once, on activation, so this sees little traffic.</summary>
[Alias("rc.ICircuitRegistryGrain")]
public interface ICircuitRegistryGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    [Alias("Register"), OneWay]
    Task RegisterAsync(string component);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();

    [Alias("Contains"), ReadOnly]
    Task<bool> ContainsAsync(string component);
}
