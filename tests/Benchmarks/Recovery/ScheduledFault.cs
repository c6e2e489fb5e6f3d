using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>A fault planted on a component at the start of a slot; it replaces whatever fault the component still has.</summary>
public sealed record ScheduledFault(int Slot, int Component, FailureKind Kind, FailureIntensity Intensity)
{
    /// <summary>A fresh fault for one run (a fault counts its own failures down).</summary>
    public Fault Create() => new(Kind, Intensity, FailureInjector.FailuresFor(Intensity));
}
