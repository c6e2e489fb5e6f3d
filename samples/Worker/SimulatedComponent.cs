using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.Worker;

/// <summary>A component the workload calls; it fails (or hangs) while a planted fault is active.</summary>
public sealed class SimulatedComponent(string name, TimeProvider time, TimeSpan operationTime)
{
    private readonly Lock _lock = new();
    private readonly List<Fault> _faults = [];
    private readonly CallRateMeter _rate = new(time);
    private long _calls;
    private long _callsWhileFaulty;

    public string Name { get; } = name;

    /// <summary>The load the component takes before an overload fault keeps it down (calls per second).</summary>
    public double Capacity { get; set; } = double.PositiveInfinity;

    /// <summary>How long a call hangs while a slow fault is active.</summary>
    public TimeSpan HangTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first active fault, or null.</summary>
    public Fault? Fault
    {
        get
        {
            lock (_lock)
            {
                return _faults.FirstOrDefault(f => f.IsActive);
            }
        }
    }

    public bool IsHealthy => Fault is null;

    /// <summary>Every fault planted so far, active or over.</summary>
    public IReadOnlyList<Fault> Faults
    {
        get
        {
            lock (_lock)
            {
                return [.. _faults];
            }
        }
    }

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls made while a fault was active: the load a sick component took.</summary>
    public long CallsWhileFaulty => Interlocked.Read(ref _callsWhileFaulty);

    /// <summary>Adds a fault; faults may overlap, and a call meets the worst of them.</summary>
    public void Plant(Fault fault)
    {
        lock (_lock)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Applies a repair that clears active faults of <paramref name="kinds"/>; true when one was cleared.</summary>
    public bool Repair(params FailureKind[] kinds)
    {
        var repaired = false;
        foreach (var fault in ActiveFaults())
        {
            repaired |= fault.TryRepair(kinds);
        }

        return repaired;
    }

    public async Task<int> InvokeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var rate = _rate.Add();
        var tag = OperationTag.Current.Value;
        tag?.OnCall(time.GetTimestamp());
        var effect = FaultEffect.Pass;
        Fault? failing = null;
        var active = ActiveFaults();
        if (active.Length > 0)
        {
            Interlocked.Increment(ref _callsWhileFaulty);
            tag?.OnFaultMet(active[0]);
            foreach (var fault in active)
            {
                fault.Met();
                var e = fault.OnCall(rate);
                if (e > effect)
                {
                    effect = e;
                    failing = fault;
                }
            }
        }

        try
        {
            await Task.Delay(effect == FaultEffect.Hang ? HangTime : operationTime, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            tag?.OnFailure(time.GetTimestamp());
            throw;
        }

        if (effect != FaultEffect.Pass)
        {
            tag?.OnFailure(time.GetTimestamp());
            throw InjectedFailures.Create(failing!.Kind, Name);
        }

        return 1;
    }

    private Fault[] ActiveFaults()
    {
        lock (_lock)
        {
            return _faults.Count == 0 ? [] : [.. _faults.Where(f => f.IsActive)];
        }
    }
}
