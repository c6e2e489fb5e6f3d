using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>The raw measurements of one arm on one seed, kept so several seeds pool into one <see cref="ArmResult"/>.</summary>
public sealed class ArmSample(RecoveryArm arm, int seed)
{
    public RecoveryArm Arm { get; } = arm;

    public int Seed { get; } = seed;

    /// <summary>How each operation ended, the fault it met (null: none) and its recovery time (ms; null when it met none or failed).</summary>
    public List<(OperationEnd End, string? Pattern, double? RecoveryMs, (int Worker, long Sequence) Key)> Operations { get; } = [];

    /// <summary>
    /// Every planted fault: its pattern, its length (a fault still active when the run ended counts with its planned
    /// end, or for an overload its end given the load so far, so arms that drain longer are not credited) and the calls it took.
    /// </summary>
    public List<(string Pattern, double LengthMs, long CallsMet)> Faults { get; } = [];

    public long Calls { get; set; }

    public long CallsIntoFaulty { get; set; }

    public long Escalations { get; set; }

    /// <summary>Times a cluster breaker opened (as one worker heard them).</summary>
    public long BreakerOpenings { get; set; }

    public double CpuMs { get; set; }

    public double WallSeconds { get; set; }

    /// <summary>The operations this run recovered (met a fault and succeeded), by seed and key.</summary>
    public IEnumerable<(int Seed, int Worker, long Sequence)> Recovered =>
        Operations.Where(o => o.End == OperationEnd.Succeeded && o.RecoveryMs is not null).Select(o => (Seed, o.Key.Worker, o.Key.Sequence));

    /// <summary>
    /// Pools samples of one arm. <paramref name="matched"/> names the operations every compared arm recovered: their
    /// mean recovery time compares the arms on the same operations, where the plain mean compares whichever each recovered.
    /// </summary>
    public static ArmResult Pool(RecoveryArm arm, IReadOnlyList<ArmSample> samples, IReadOnlySet<(int Seed, int Worker, long Sequence)>? matched = null)
    {
        var matchedTimes = samples.SelectMany(s => s.Operations
                .Where(o => o.End == OperationEnd.Succeeded && o.RecoveryMs is not null && matched?.Contains((s.Seed, o.Key.Worker, o.Key.Sequence)) == true)
                .Select(o => o.RecoveryMs!.Value))
            .ToList();
        var ops = samples.SelectMany(s => s.Operations).ToList();
        var faults = samples.SelectMany(s => s.Faults).ToList();
        var recovered = ops.Where(o => o.End == OperationEnd.Succeeded && o.RecoveryMs is not null).Select(o => o.RecoveryMs!.Value).Order().ToList();
        var lasted = faults.Select(f => f.LengthMs).Order().ToList();
        var patterns = faults.Select(f => f.Pattern).Distinct().Order(StringComparer.Ordinal).Select(p =>
        {
            var met = ops.Where(o => o.Pattern == p).ToList();
            var times = met.Where(o => o.End == OperationEnd.Succeeded && o.RecoveryMs is not null).Select(o => o.RecoveryMs!.Value).ToList();
            var these = faults.Where(f => f.Pattern == p).ToList();
            var theseLasted = these.Select(f => f.LengthMs).ToList();
            return new PatternFigures(p, these.Count, met.Count, met.Count(o => o.End != OperationEnd.Succeeded), these.Sum(f => f.CallsMet),
                theseLasted.DefaultIfEmpty(0).Average(), times.Count, times.DefaultIfEmpty(0).Average());
        }).ToList();
        return new ArmResult(
            arm, [.. samples.Select(s => s.Seed)], ops.Count, ops.Count(o => o.End != OperationEnd.Succeeded),
            ops.Count(o => o.End == OperationEnd.Rejected), ops.Count(o => o.End == OperationEnd.Held), FallbackServed: 0,
            samples.Sum(s => s.CallsIntoFaulty), samples.Sum(s => s.Calls), faults.Count, lasted.DefaultIfEmpty(0).Average(),
            Percentile.NearestRank(lasted, 99), recovered.Count, recovered.DefaultIfEmpty(0).Average(), Percentile.NearestRank(recovered, 50),
            Percentile.NearestRank(recovered, 99), samples.Sum(s => s.Escalations), samples.Sum(s => s.BreakerOpenings), samples.Sum(s => s.CpuMs), samples.Sum(s => s.WallSeconds), patterns)
        {
            MatchedRecoveries = matchedTimes.Count,
            MatchedRecoveryMeanMs = matchedTimes.DefaultIfEmpty(0).Average(),
        };
    }
}
