namespace RecoveryCluster.Worker;

/// <summary>
/// What happened to one operation, across the retries and recoveries of whichever resilience layer runs it: set in an
/// async-local before the operation starts, so the component calls made on its behalf find it.
/// </summary>
public sealed class OperationTag(long startedAt)
{
    public static AsyncLocal<OperationTag?> Current { get; } = new();

    public long StartedAt { get; } = startedAt;

    /// <summary>When the first call into the component began; 0 until then.</summary>
    public long FirstCallAt { get; private set; }

    /// <summary>When the first call failed; 0 while none has.</summary>
    public long FirstFailureAt { get; private set; }

    public int Calls { get; private set; }

    /// <summary>The fault the operation met: the first its calls ran into, else the one on its component when it started.</summary>
    public Faults.Fault? Fault { get; private set; }

    public void OnFaultMet(Faults.Fault fault) => Fault ??= fault;

    public void OnCall(long at)
    {
        Calls++;
        if (FirstCallAt == 0)
        {
            FirstCallAt = at;
        }
    }

    public void OnFailure(long at)
    {
        if (FirstFailureAt == 0)
        {
            FirstFailureAt = at;
        }
    }
}
