namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>What one run saw: its recoveries, the calls it made, and what it cost the process (silo and workers).</summary>
public sealed record RunMeasurement(
    bool BreakerOn, int Seed, int FaultsPlanted, IReadOnlyList<RecoveryRecord> Recoveries,
    long Operations, long Succeeded, long Rejected, long Failed, long FailedComponentCalls,
    double CpuMilliseconds, double AllocatedMegabytes, double WallSeconds);
