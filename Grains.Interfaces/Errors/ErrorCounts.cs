namespace RecoveryCluster.Errors;

[GenerateSerializer, Immutable, Alias("rc.error-counts")]
public sealed record ErrorCounts(
    [property: Id(0)] long Total,
    [property: Id(1)] long Unresolved,
    [property: Id(2)] long Escalated);
