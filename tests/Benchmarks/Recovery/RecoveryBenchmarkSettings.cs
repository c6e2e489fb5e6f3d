using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// One P5 configuration. Faults are drawn per component every <see cref="Slot"/> with chance <see cref="FailureRate"/>
/// for <see cref="Duration"/>; each iteration uses the next seed and runs the same schedule with the breaker off and on.
/// </summary>
public sealed record RecoveryBenchmarkSettings(
    RecoveryBenchmarkMode Mode, TimeSpan Duration, int Iterations, int Workers, int LoopsPerWorker, TimeSpan Slot, double FailureRate,
    int Seed, IReadOnlyList<FailureKind> Kinds)
{
    /// <summary>Time scale of the breakers in both runs: the defaults (60 s, 30 s) are longer than a whole run.</summary>
    public static TimeSpan BreakDuration { get; } = TimeSpan.FromSeconds(2);

    public static RecoveryBenchmarkSettings For(RecoveryBenchmarkMode mode, int seed = 42, IReadOnlyList<FailureKind>? kinds = null) => mode switch
    {
        RecoveryBenchmarkMode.Smoke => new(mode, TimeSpan.FromSeconds(3), 1, 4, 2, TimeSpan.FromMilliseconds(250), 0.1, seed, kinds ?? []),
        RecoveryBenchmarkMode.Quick => new(mode, TimeSpan.FromSeconds(15), 1, 4, 2, TimeSpan.FromMilliseconds(250), 0.1, seed, kinds ?? []),
        RecoveryBenchmarkMode.Standard => new(mode, TimeSpan.FromSeconds(30), 3, 4, 2, TimeSpan.FromMilliseconds(250), 0.1, seed, kinds ?? []),
        RecoveryBenchmarkMode.Comprehensive => new(mode, TimeSpan.FromSeconds(60), 5, 4, 2, TimeSpan.FromMilliseconds(250), 0.1, seed, kinds ?? []),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode."),
    };
}
