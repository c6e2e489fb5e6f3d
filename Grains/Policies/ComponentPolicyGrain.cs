using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.Grains.Policies;

/// <summary>
/// Stores a component's policy, then hands each part to the grain that enforces it: the breaker rules to the
/// component's breaker, the limits and hedging to its fleet limit grain (which pushes them to the lease holders). It
/// writes first, so a part that fails to apply is applied again by the next change rather than lost.
/// </summary>
public sealed class ComponentPolicyGrain(
    [PersistentState("component-policy", StorageNames.Recovery)] IPersistentState<ComponentPolicyState> state,
    RecoveryClock clock) : Grain, IComponentPolicyGrain
{
    private string Component => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Guard.Key(Component, "component");
        return Task.CompletedTask;
    }

    public Task<StoredComponentPolicy> GetAsync() => Task.FromResult(Stored());

    public async Task<StoredComponentPolicy> SetAsync(ComponentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        state.State.Policy = policy;
        state.State.Version++;
        state.State.UpdatedAt = clock.UtcNow;
        await state.WriteStateAsync();
        await Task.WhenAll(
            GrainFactory.GetGrain<ICircuitBreakerGrain>(Component).ConfigureAsync(policy.Breaker),
            GrainFactory.GetGrain<IFleetLimitGrain>(Component).SetPoliciesAsync(policy.Limit, policy.Hedging));
        return Stored();
    }

    private StoredComponentPolicy Stored() => new(Component, state.State.Policy, state.State.Version, state.State.UpdatedAt);
}
