namespace RecoveryCluster.Worker.Faults;

/// <summary>A fault planted on a component: while it is active it decides what each call into the component gets.</summary>
public abstract class Fault(FailureKind kind, FailureIntensity intensity)
{
    private long _callsMet;

    public FailureKind Kind { get; } = kind;

    public FailureIntensity Intensity { get; } = intensity;

    /// <summary>True while the fault still affects calls.</summary>
    public abstract bool IsActive { get; }

    /// <summary>What one call gets; called once per call while the fault is active.</summary>
    public abstract FaultEffect OnCall(double callsPerSecond);

    /// <summary>Applies a repair that clears faults of <paramref name="kinds"/>; true when it cleared this one.</summary>
    public abstract bool TryRepair(IReadOnlyCollection<FailureKind> kinds);

    /// <summary>The name a report groups this fault under (its pattern, or "Counted").</summary>
    public abstract string Label { get; }

    /// <summary>Calls that met this fault while it was active.</summary>
    public long CallsMet => Interlocked.Read(ref _callsMet);

    /// <summary>Counts a call that met the fault.</summary>
    public void Met() => Interlocked.Increment(ref _callsMet);

    /// <summary>
    /// How long the fault lasts as far as is known now: its length once over; while active, its planned end (a time
    /// fault's duration, an overload's end given the load so far) or, for a counted fault, its age.
    /// </summary>
    public abstract TimeSpan Length { get; }

    /// <summary>How long the fault lasted, once it is over; null while it is active.</summary>
    public abstract TimeSpan? Lasted { get; }
}
