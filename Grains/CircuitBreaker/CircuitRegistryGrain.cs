using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>Remembers every component that has a breaker, for listing.</summary>
public sealed class CircuitRegistryGrain(
    [PersistentState("circuits", StorageNames.Recovery)] IPersistentState<CircuitRegistryState> state) : Grain, ICircuitRegistryGrain
{
    public async Task RegisterAsync(string component)
    {
        Guard.Key(component, nameof(component));
        if (state.State.Components.Add(component))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Components]);

    public Task<bool> ContainsAsync(string component) => Task.FromResult(state.State.Components.Contains(component));
}
