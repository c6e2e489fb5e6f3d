namespace RecoveryCluster.Diagnostics;

/// <summary>A grain that does nothing: the baseline the benchmarks compare every recovery call with.</summary>
[Alias("rc.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> PingAsync(int value);
}
