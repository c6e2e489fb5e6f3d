namespace RecoveryCluster.Errors;

/// <summary>Filters for listing errors; null means any.</summary>
[GenerateSerializer, Immutable, Alias("rc.error-query")]
public sealed record ErrorQuery(
    [property: Id(0)] ErrorStatus? Status = null,
    [property: Id(1)] ErrorType? Type = null,
    [property: Id(2)] string? Component = null,
    [property: Id(3)] int Limit = 100);
