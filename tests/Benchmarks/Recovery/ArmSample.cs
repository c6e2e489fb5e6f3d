using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>The raw measurements of one arm on one seed, kept so several seeds pool into one <see cref="ArmResult"/>.</summary>
public sealed class ArmSample(RecoveryArm arm, int seed)
{
    public RecoveryArm Arm { get; } = arm;

    public int Seed { get; } = seed;

    /// <summary>How each operation ended, the fault it met (null: none) and its recovery time (ms; null when it met none or failed).</summary>
    public List<(OperationEnd End, string? Pattern, double? RecoveryMs)> Operations { get; } = [];

    /// <summary>Every planted fault: its pattern, how long it lasted (null: still active when the run ended) and the calls it took.</summary>
    public List<(string Pattern, double? LastedMs, long CallsMet)> Faults { get; } = [];

    public long Calls { get; set; }

    public long CallsIntoFaulty { get; set; }

    public long Escalations { get; set; }

    /// <summary>Times a cluster breaker opened (as one worker heard them).</summary>
    public long BreakerOpenings { get; set; }

    public double CpuMs { get; set; }

    public double WallSeconds { get; set; }

    public static ArmResult Pool(RecoveryArm arm, IReadOnlyList<ArmSample> samples)
    {
        var ops = samples.SelectMany(s => s.Operations).ToList();
        var faults = samples.SelectMany(s => s.Faults).ToList();
        var recovered = ops.Where(o => o.End == OperationEnd.Succeeded && o.RecoveryMs is not null).Select(o => o.RecoveryMs!.Value).Order().ToList();
        var lasted = faults.Where(f => f.LastedMs is not null).Select(f => f.LastedMs!.Value).Order().ToList();
        var patterns = faults.Select(f => f.Pattern).Distinct().Order(StringComparer.Ordinal).Select(p =>
        {
            var met = ops.Where(o => o.Pattern == p).ToList();
            var times = met.Where(o => o.End == OperationEnd.Succeeded && o.RecoveryMs is not null).Select(o => o.RecoveryMs!.Value).ToList();
            var these = faults.Where(f => f.Pattern == p).ToList();
            var theseLasted = these.Where(f => f.LastedMs is not null).Select(f => f.LastedMs!.Value).ToList();
            return new PatternFigures(p, these.Count, met.Count, met.Count(o => o.End != OperationEnd.Succeeded), these.Sum(f => f.CallsMet),
                theseLasted.DefaultIfEmpty(0).Average(), times.Count, times.DefaultIfEmpty(0).Average());
        }).ToList();
        return new ArmResult(
            arm, [.. samples.Select(s => s.Seed)], ops.Count, ops.Count(o => o.End != OperationEnd.Succeeded),
            ops.Count(o => o.End == OperationEnd.Rejected), ops.Count(o => o.End == OperationEnd.Held), FallbackServed: 0,
            samples.Sum(s => s.CallsIntoFaulty), samples.Sum(s => s.Calls), faults.Count, lasted.DefaultIfEmpty(0).Average(),
            Percentile.Of(lasted, 99), recovered.Count, recovered.DefaultIfEmpty(0).Average(), Percentile.Of(recovered, 50),
            Percentile.Of(recovered, 99), samples.Sum(s => s.Escalations), samples.Sum(s => s.BreakerOpenings), samples.Sum(s => s.CpuMs), samples.Sum(s => s.WallSeconds), patterns);
    }
}
