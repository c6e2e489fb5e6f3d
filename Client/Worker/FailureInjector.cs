using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Worker;

/// <summary>
/// Plants faults with a fixed seed, adapting to the breaker: closed allows every kind and intensity, half-open only
/// mild and moderate, open none (the reference design's adaptive injection).
/// </summary>
public sealed class FailureInjector(int seed, double failureRate, IReadOnlyList<FailureKind> kinds)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private readonly FailureKind[] _kinds = kinds.Count > 0 ? [.. kinds] : Enum.GetValues<FailureKind>();

    public static int FailuresFor(FailureIntensity intensity) => intensity switch
    {
        FailureIntensity.Mild => 1,
        FailureIntensity.Moderate => 4,
        _ => 40,
    };

    /// <summary>A new fault, or null; the draw happens under a lock so the sequence depends on the seed alone.</summary>
    public Fault? Next(CircuitState circuit)
    {
        lock (_lock)
        {
            if (_random.NextDouble() >= failureRate || circuit is CircuitState.Open or CircuitState.Isolated)
            {
                return null;
            }

            var kind = _kinds[_random.Next(_kinds.Length)];
            var roll = _random.NextDouble();
            var intensity = circuit == CircuitState.HalfOpen
                ? (roll < 0.6 ? FailureIntensity.Mild : FailureIntensity.Moderate)
                : roll < 0.5 ? FailureIntensity.Mild : roll < 0.85 ? FailureIntensity.Moderate : FailureIntensity.Severe;
            return new Fault(kind, intensity, FailuresFor(intensity));
        }
    }
}
