namespace RecoveryCluster.Policies;

/// <summary>A component's policy as stored: <see cref="Version"/> grows with every change; 0 and no date: never set.</summary>
[GenerateSerializer, Immutable, Alias("rc.stored-component-policy")]
public sealed record StoredComponentPolicy(
    [property: Id(0)] string Component,
    [property: Id(1)] ComponentPolicy Policy,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset? UpdatedAt);
