namespace RecoveryCluster.Worker.Faults;

/// <summary>A fault due on a component at an offset from the start of the run.</summary>
/// <param name="Seed">Seeds the fault's own draws (which calls a brownout fails), so runs with the same schedule match.</param>
public sealed record ScheduledFault(TimeSpan Due, int Component, FaultPattern Pattern, FailureKind Kind, FailureIntensity Intensity, int Seed)
{
    /// <summary>A fresh fault for one run (a fault keeps its own clock and counts).</summary>
    public Fault Create(FaultOptions options, double capacity, TimeProvider time) => options.Model == FaultModel.Count
        ? new CountedFault(Kind, Intensity, CountedFault.FailuresFor(Intensity), time)
        : new TimedFault(Pattern, Kind, Intensity, options, capacity, Seed, time);
}
