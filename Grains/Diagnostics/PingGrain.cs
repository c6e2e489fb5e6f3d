using RecoveryCluster.Diagnostics;

namespace RecoveryCluster.Grains.Diagnostics;

/// <summary>Returns its argument; one grain call's worth of work and nothing else.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value);
}
