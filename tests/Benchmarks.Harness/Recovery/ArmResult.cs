namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>What one arm did on one seed (or, pooled, on several).</summary>
public sealed record ArmResult(
    RecoveryArm Arm, IReadOnlyList<int> Seeds, long Operations, long FailedOperations, long Rejected, long Held, long FallbackServed,
    long CallsIntoFaulty, long Calls, int Faults, double FaultMeanMs, double FaultP99Ms, int RecoveredOperations,
    double RecoveryMeanMs, double RecoveryP50Ms, double RecoveryP99Ms, long Escalations, long BreakerOpenings, double CpuMs, double WallSeconds,
    IReadOnlyList<PatternFigures> ByPattern)
{
    public double SuccessShare => Operations == 0 ? 0 : 1 - (double)FailedOperations / Operations;

    /// <summary>Operations that every arm of the run recovered (the same operations in each arm).</summary>
    public int MatchedRecoveries { get; init; }

    /// <summary>Mean recovery time over <see cref="MatchedRecoveries"/>.</summary>
    public double MatchedRecoveryMeanMs { get; init; }
}
