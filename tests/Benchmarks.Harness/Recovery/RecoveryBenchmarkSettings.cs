using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// One recovery-benchmark configuration: every arm runs the same fleet (workers starting operations at a fixed rate
/// over four shared components) for <see cref="Duration"/> per seed, meeting the faults the seed draws.
/// </summary>
/// <param name="OperationTimeout">Each call's own timeout, in every arm (Polly's attempt timeout, the cluster's operation timeout).</param>
/// <param name="TotalTimeout">How long one operation may take in all, in every arm (Polly's total timeout, the cluster's open-circuit wait).</param>
public sealed record RecoveryBenchmarkSettings(
    RecoveryBenchmarkMode Mode, TimeSpan Duration, IReadOnlyList<int> Seeds, IReadOnlyList<RecoveryArm> Arms,
    int Workers, double Rate, TimeSpan OperationTimeout, TimeSpan TotalTimeout, FaultOptions Faults)
{
    /// <summary>
    /// Open periods to try in place of the shipped ones (first, growth per failed probe, longest), for measuring a
    /// default before it ships; null runs the cluster as shipped. It applies to both cluster arms alike.
    /// </summary>
    public (TimeSpan First, double Growth, TimeSpan Max)? OpenPeriods { get; init; }

    public static RecoveryBenchmarkSettings For(RecoveryBenchmarkMode mode, int seed = 42, FaultOptions? faults = null, IReadOnlyList<RecoveryArm>? arms = null)
    {
        var (duration, seeds) = mode switch
        {
            RecoveryBenchmarkMode.Smoke => (TimeSpan.FromSeconds(4), 1),
            RecoveryBenchmarkMode.Quick => (TimeSpan.FromSeconds(20), 3),
            RecoveryBenchmarkMode.Standard => (TimeSpan.FromSeconds(60), 3),
            RecoveryBenchmarkMode.Comprehensive => (TimeSpan.FromSeconds(120), 5),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode."),
        };
        faults ??= new FaultOptions { Rate = mode == RecoveryBenchmarkMode.Smoke ? 0.5 : 0.05 };
        return new RecoveryBenchmarkSettings(mode, duration, [.. Enumerable.Range(seed, seeds)], arms ?? Enum.GetValues<RecoveryArm>(),
            Workers: 4, Rate: 25, OperationTimeout: TimeSpan.FromSeconds(1), TotalTimeout: TimeSpan.FromSeconds(30), faults);
    }
}
