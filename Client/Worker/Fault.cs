namespace RecoveryCluster.Worker;

/// <summary>A fault planted on a component: every call fails until it has failed <see cref="Remaining"/> more times or a matching repair clears it.</summary>
public sealed class Fault(FailureKind kind, FailureIntensity intensity, int failures)
{
    private int _remaining = failures;

    public FailureKind Kind { get; } = kind;

    public FailureIntensity Intensity { get; } = intensity;

    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>True while the fault still fails calls; each call uses one failure up.</summary>
    public bool TryFail() => Interlocked.Decrement(ref _remaining) >= 0;

    public void Clear() => Interlocked.Exchange(ref _remaining, 0);
}
