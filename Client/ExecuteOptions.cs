using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client;

/// <summary>Per-call settings of <c>IRecoveryClient.ExecuteAsync</c>: timeout, criticality and what the strategies may use.</summary>
public sealed record ExecuteOptions
{
    public static ExecuteOptions Default { get; } = new();

    /// <summary>The operation's own timeout; null uses the client's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long this call may wait for an open circuit; null uses the client's <c>OpenCircuitWait</c>, zero fails fast.</summary>
    public TimeSpan? OpenCircuitWait { get; init; }

    /// <summary>
    /// The operation may run more than once at a time without harm, so when the component's policy enables hedging a
    /// slow call gets a second copy after the fleet's learned delay (see the README's hedging section).
    /// </summary>
    public bool IsIdempotent { get; init; }

    /// <summary>Medium failures of critical operations count against the cluster breaker.</summary>
    public bool IsCritical { get; init; }

    /// <summary>Tasks this operation serves; reported as affected, and migrated by worker recovery.</summary>
    public IReadOnlyList<string>? TaskIds { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The fallback strategy's alternative.</summary>
    public Func<CancellationToken, Task<object?>>? Fallback { get; init; }

    /// <summary>Graceful degradation's levels, best first; the first that succeeds is the result.</summary>
    public IReadOnlyList<Func<CancellationToken, Task<object?>>>? DegradationLevels { get; init; }

    /// <summary>Compensating actions in the order their steps ran; the strategy runs them in reverse.</summary>
    public IReadOnlyList<Func<CancellationToken, Task>>? Compensations { get; init; }

    /// <summary>What this call brings for its recovery, so the cluster plans only strategies that can run for it.</summary>
    internal CallFeatures Features =>
        (Fallback is null ? CallFeatures.None : CallFeatures.Fallback)
        | (DegradationLevels is { Count: > 0 } ? CallFeatures.Degradation : CallFeatures.None)
        | (Compensations is { Count: > 0 } ? CallFeatures.Compensation : CallFeatures.None);

    /// <summary>Typed helper for <see cref="Fallback"/>.</summary>
    public ExecuteOptions WithFallback<T>(Func<CancellationToken, Task<T>> fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return this with { Fallback = async ct => await fallback(ct).ConfigureAwait(false) };
    }

    /// <summary>Typed helper for <see cref="DegradationLevels"/>.</summary>
    public ExecuteOptions WithDegradation<T>(params Func<CancellationToken, Task<T>>[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return this with
        {
            DegradationLevels = levels.Select(level => (Func<CancellationToken, Task<object?>>)(async ct => await level(ct).ConfigureAwait(false))).ToArray(),
        };
    }
}
