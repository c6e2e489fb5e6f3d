namespace RecoveryCluster.Worker;

/// <summary>
/// What happened to one operation, across the retries and recoveries of whichever resilience layer runs it: set in an
/// async-local before the operation starts, so the component calls made on its behalf find it.
/// </summary>
public sealed class OperationTag(long startedAt, int worker = 0, long sequence = 0)
{
    public static AsyncLocal<OperationTag?> Current { get; } = new();

    public long StartedAt { get; } = startedAt;

    /// <summary>The worker that ran it and its place in that worker's sequence: the same operation in every run of a seed.</summary>
    public (int Worker, long Sequence) Key { get; } = (worker, sequence);

    /// <summary>When the first call into the component began; 0 until then.</summary>
    public long FirstCallAt { get; private set; }

    /// <summary>When the first call failed; 0 while none has.</summary>
    public long FirstFailureAt { get; private set; }

    /// <summary>The fault the operation met: the first its calls ran into, else the one on its component when it started.</summary>
    public Faults.Fault? Fault { get; private set; }

    public void OnFaultMet(Faults.Fault fault) => Fault ??= fault;

    public void OnCall(long at)
    {
        if (FirstCallAt == 0)
        {
            FirstCallAt = at;
        }
    }

    /// <summary>
    /// How long a successful operation took to recover from the fault it met: from its first failed call, or from its
    /// start when a breaker held it back (its first call came more than <paramref name="heldBackAfter"/> late); null when
    /// it met neither.
    /// </summary>
    public TimeSpan? RecoveryTime(long endedAt, TimeSpan heldBackAfter, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var heldBack = FirstCallAt == 0 || time.GetElapsedTime(StartedAt, FirstCallAt) > heldBackAfter;
        return heldBack || FirstFailureAt != 0 ? time.GetElapsedTime(heldBack ? StartedAt : FirstFailureAt, endedAt) : null;
    }

    public void OnFailure(long at)
    {
        if (FirstFailureAt == 0)
        {
            FirstFailureAt = at;
        }
    }
}
