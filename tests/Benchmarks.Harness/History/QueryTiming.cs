namespace RecoveryCluster.Benchmarks.History;

/// <summary>One history query over the loaded table: median, 95th percentile and slowest of its runs.</summary>
public sealed record QueryTiming(string Query, long Rows, int Runs, double MedianMilliseconds, double P95Milliseconds, double MaxMilliseconds)
{
    public const double TargetMilliseconds = 200;

    public bool MeetsTarget => MaxMilliseconds < TargetMilliseconds;
}
