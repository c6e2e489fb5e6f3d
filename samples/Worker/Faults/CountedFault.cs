namespace RecoveryCluster.Worker.Faults;

/// <summary>The count model: every call fails until the fault has failed its calls or a matching repair clears it.</summary>
public sealed class CountedFault(FailureKind kind, FailureIntensity intensity, int failures, TimeProvider time) : Fault(kind, intensity)
{
    private readonly long _planted = time.GetTimestamp();
    private int _remaining = failures;
    private TimeSpan? _lasted;

    public static int FailuresFor(FailureIntensity intensity) => intensity switch
    {
        FailureIntensity.Mild => 1,
        FailureIntensity.Moderate => 4,
        _ => 40,
    };

    public int Remaining => Math.Max(Volatile.Read(ref _remaining), 0);

    public override bool IsActive => Remaining > 0;

    public override string Label => "Counted";

    public override TimeSpan? Lasted => _lasted;

    public override TimeSpan Length => _lasted ?? time.GetElapsedTime(_planted);

    public override FaultEffect OnCall(double callsPerSecond)
    {
        var left = Interlocked.Decrement(ref _remaining);
        if (left == 0)
        {
            _lasted = time.GetElapsedTime(_planted);
        }

        return left >= 0 ? FaultEffect.Fail : FaultEffect.Pass;
    }

    public override bool TryRepair(IReadOnlyCollection<FailureKind> kinds)
    {
        if (!kinds.Contains(Kind) || Interlocked.Exchange(ref _remaining, 0) <= 0)
        {
            return false;
        }

        _lasted = time.GetElapsedTime(_planted);
        return true;
    }
}
