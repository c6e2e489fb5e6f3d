namespace RecoveryCluster.Errors;

/// <summary>
/// Filters for listing errors; null means any. <see cref="After"/> continues a previous page; <see cref="SeenBefore"/>
/// keeps errors last seen strictly before it (retention).
/// </summary>
[GenerateSerializer, Immutable, Alias("rc.error-query")]
public sealed record ErrorQuery(
    [property: Id(0)] ErrorStatus? Status = null,
    [property: Id(1)] ErrorType? Type = null,
    [property: Id(2)] string? Component = null,
    [property: Id(3)] int Limit = 100,
    [property: Id(4)] ErrorCursor? After = null,
    [property: Id(5)] DateTimeOffset? SeenBefore = null)
{
    /// <summary>True when <paramref name="error"/> passes every filter and comes after the cursor.</summary>
    public bool Matches(ErrorSummary error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return (Status is null || error.Status == Status)
            && (Type is null || error.Type == Type)
            && (Component is null || string.Equals(error.Component, Component, StringComparison.Ordinal))
            && (After is null || After.Precedes(error))
            && (SeenBefore is null || error.LastSeen < SeenBefore);
    }
}
