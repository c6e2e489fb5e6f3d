namespace RecoveryCluster.Worker;

/// <summary>A component the workload calls; it fails while a planted fault lasts.</summary>
public sealed class SimulatedComponent(string name, TimeProvider time, TimeSpan operationTime)
{
    private Fault? _fault;

    public string Name { get; } = name;

    public Fault? Fault => Volatile.Read(ref _fault);

    public bool IsHealthy => Fault is not { Remaining: > 0 };

    public void Plant(Fault fault) => Volatile.Write(ref _fault, fault);

    /// <summary>Clears the current fault when it is one of <paramref name="kinds"/>; true when it did.</summary>
    public bool Repair(params FailureKind[] kinds)
    {
        if (Fault is { Remaining: > 0 } fault && kinds.Contains(fault.Kind))
        {
            fault.Clear();
            return true;
        }

        return false;
    }

    public async Task<int> InvokeAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(operationTime, time, cancellationToken).ConfigureAwait(false);
        if (Fault is { } fault && fault.TryFail())
        {
            throw InjectedFailures.Create(fault.Kind, Name);
        }

        return 1;
    }
}
