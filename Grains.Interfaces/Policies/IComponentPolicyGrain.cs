namespace RecoveryCluster.Policies;

/// <summary>
/// The stored authority on one component's run-time policy (key: the component name). Setting it applies the breaker
/// rules to the component's breaker and the limits and hedging to its fleet limit grain, which pushes them to every
/// worker holding a lease on the component.
/// </summary>
[Alias("rc.IComponentPolicyGrain")]
public interface IComponentPolicyGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<StoredComponentPolicy> GetAsync();

    [Alias("Set")]
    Task<StoredComponentPolicy> SetAsync(ComponentPolicy policy);
}
