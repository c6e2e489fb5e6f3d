using RecoveryCluster.Errors;

namespace RecoveryCluster.Strategies;

/// <summary>A recovery strategy as the planner knows it: where it applies. Workers hold the code that runs it.</summary>
/// <param name="Id">Stable id, e.g. <c>retry</c>; part of the statistics key.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Levels">The recovery levels it may be planned at.</param>
/// <param name="ErrorTypes">The error types it handles; empty means every type.</param>
[GenerateSerializer, Immutable, Alias("rc.strategy-descriptor")]
public sealed record StrategyDescriptor(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<RecoveryLevel> Levels,
    [property: Id(3)] IReadOnlyList<ErrorType> ErrorTypes)
{
    public bool Handles(ErrorType type, RecoveryLevel level) =>
        Levels.Contains(level) && (ErrorTypes.Count == 0 || ErrorTypes.Contains(type));

    public bool Handles(ErrorType type) => ErrorTypes.Count == 0 || ErrorTypes.Contains(type);
}
