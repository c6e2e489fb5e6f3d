namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>A recovery-benchmark run: every arm pooled over the seeds, and every (arm, seed) alone.</summary>
public sealed record RecoveryResult(RecoveryBenchmarkSettings Settings, IReadOnlyList<ArmResult> Arms, IReadOnlyList<ArmResult> PerSeed)
{
    public ArmResult? Of(RecoveryArm arm) => Arms.FirstOrDefault(a => a.Arm == arm);

    /// <summary>The headline ratios of <paramref name="arm"/> against <paramref name="baseline"/> (1 − ours/theirs: the share saved).</summary>
    public (double FailedSaved, double CallsSaved, double RecoverySaved, double MatchedRecoverySaved)? Against(RecoveryArm arm, RecoveryArm baseline) =>
        Of(arm) is { } a && Of(baseline) is { } b
            ? (Saved(a.FailedOperations, b.FailedOperations), Saved(a.CallsIntoFaulty, b.CallsIntoFaulty), Saved(a.RecoveryMeanMs, b.RecoveryMeanMs),
                Saved(a.MatchedRecoveryMeanMs, b.MatchedRecoveryMeanMs))
            : null;

    private static double Saved(double ours, double theirs) => theirs == 0 ? (ours == 0 ? 0 : double.NegativeInfinity) : 1 - ours / theirs;
}
