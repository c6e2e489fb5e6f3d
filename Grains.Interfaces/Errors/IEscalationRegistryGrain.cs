namespace RecoveryCluster.Errors;

/// <summary>The list of escalations to people. Escalations are rare, so one registry (key <see cref="DefaultKey"/>) is no bottleneck.</summary>
[Alias("rc.IEscalationRegistryGrain")]
public interface IEscalationRegistryGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    [Alias("Add")]
    Task AddAsync(EscalationRecord record);

    /// <summary>The most recent escalations, newest first.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<EscalationRecord>> ListAsync(int limit);
}
