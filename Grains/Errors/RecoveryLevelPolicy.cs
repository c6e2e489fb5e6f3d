using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>The progressive levels: where an episode starts and where a failed attempt leads.</summary>
public static class RecoveryLevelPolicy
{
    /// <summary>Closed → 1; half-open → 2, or 3 when this error already failed at 2; open or isolated → 4.</summary>
    public static RecoveryLevel StartLevel(CircuitState circuit, bool failedAtEnhancedBefore) => circuit switch
    {
        CircuitState.Closed => RecoveryLevel.Basic,
        CircuitState.HalfOpen => failedAtEnhancedBefore ? RecoveryLevel.Component : RecoveryLevel.Enhanced,
        CircuitState.Open or CircuitState.Isolated => RecoveryLevel.SystemComponent,
        _ => throw new ArgumentOutOfRangeException(nameof(circuit), circuit, "Unknown circuit state."),
    };

    /// <summary>The level after a failed attempt at <paramref name="level"/>; null means level 5 failed and a person must be called.</summary>
    public static RecoveryLevel? AfterFailure(RecoveryLevel level) =>
        level >= RecoveryLevel.Critical ? null : level + 1;
}
