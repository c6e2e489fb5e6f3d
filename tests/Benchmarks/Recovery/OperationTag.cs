using RecoveryCluster.Client;
using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// Ties a recovery to the operation that needed it: set in an async-local before the call, so the client's
/// RecoveryFinished event, raised inside that call, finds it.
/// </summary>
internal sealed class OperationTag(SimulatedComponent component)
{
    public static AsyncLocal<OperationTag?> Current { get; } = new();

    public SimulatedComponent Component { get; } = component;

    /// <summary>The fault active when the call started; null when the component was healthy.</summary>
    public Fault? Fault { get; set; } = component.Fault is { Remaining: > 0 } active ? active : null;

    public RecoveryFinished? Finished { get; set; }
}
