namespace RecoveryCluster.Grains.Diagnostics;

/// <summary>Counts every grain call a silo takes (application grains and the in-memory storage grains alike).</summary>
public sealed class GrainCallCounter(GrainCallCount count) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        count.Add(context.InterfaceName);
        return context.Invoke();
    }
}
