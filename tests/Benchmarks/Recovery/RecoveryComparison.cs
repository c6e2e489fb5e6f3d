namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>P5's result: every run, the recoveries pooled over the iterations, by failure kind and by intensity.</summary>
public sealed record RecoveryComparison(
    RecoveryBenchmarkSettings Settings, IReadOnlyList<RunMeasurement> Runs,
    ComparisonRow Overall, IReadOnlyList<ComparisonRow> ByKind, IReadOnlyList<ComparisonRow> ByIntensity)
{
    public static RecoveryComparison Of(RecoveryBenchmarkSettings settings, IReadOnlyList<RunMeasurement> runs)
    {
        var on = runs.Where(r => r.BreakerOn).SelectMany(r => r.Recoveries).ToArray();
        var off = runs.Where(r => !r.BreakerOn).SelectMany(r => r.Recoveries).ToArray();
        return new RecoveryComparison(settings, runs,
            new ComparisonRow("all", RecoveryFigures.Of(on), RecoveryFigures.Of(off)),
            Groups(on, off, r => r.Kind), Groups(on, off, r => r.Intensity));
    }

    /// <summary>Operations, rejections and cost summed over the runs of one side.</summary>
    public RunMeasurement Total(bool breakerOn)
    {
        var side = Runs.Where(r => r.BreakerOn == breakerOn).ToArray();
        return new RunMeasurement(breakerOn, Settings.Seed, side.Sum(r => r.FaultsPlanted), [],
            side.Sum(r => r.Operations), side.Sum(r => r.Succeeded), side.Sum(r => r.Rejected), side.Sum(r => r.Failed),
            side.Sum(r => r.FailedComponentCalls), side.Sum(r => r.CpuMilliseconds), side.Sum(r => r.AllocatedMegabytes), side.Sum(r => r.WallSeconds));
    }

    private static ComparisonRow[] Groups(RecoveryRecord[] on, RecoveryRecord[] off, Func<RecoveryRecord, string> key) =>
        [.. on.Concat(off).Select(key).Distinct().Order(StringComparer.Ordinal)
            .Select(g => new ComparisonRow(g, RecoveryFigures.Of(on.Where(r => key(r) == g).ToArray()), RecoveryFigures.Of(off.Where(r => key(r) == g).ToArray())))];
}
