using RecoveryCluster.Errors;

namespace RecoveryCluster.Strategies;

/// <summary>A recovery strategy as the planner knows it: where it applies. Workers hold the code that runs it.</summary>
/// <param name="Id">Stable id, e.g. <c>retry</c>; part of the statistics key.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Levels">The recovery levels it may be planned at.</param>
/// <param name="ErrorTypes">The error types it handles; empty means every type.</param>
/// <param name="Requires">What the failed call must bring for it to run (e.g. a fallback); none by default.</param>
[GenerateSerializer, Immutable, Alias("rc.strategy-descriptor")]
public sealed record StrategyDescriptor(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<RecoveryLevel> Levels,
    [property: Id(3)] IReadOnlyList<ErrorType> ErrorTypes,
    [property: Id(4)] CallFeatures Requires = CallFeatures.None)
{
    /// <summary>True when a call with <paramref name="features"/> can run it; unknown features (null) allow everything.</summary>
    public bool RunsWith(CallFeatures? features) => features is not { } known || (Requires & ~known) == 0;

    public bool Handles(ErrorType type, RecoveryLevel level) =>
        Levels.Contains(level) && (ErrorTypes.Count == 0 || ErrorTypes.Contains(type));

    public bool Handles(ErrorType type) => ErrorTypes.Count == 0 || ErrorTypes.Contains(type);
}
