using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Client.Gate;

/// <summary>Receives pushed transitions and hands them to the gates; held strongly so the reference stays alive.</summary>
internal sealed class ClusterCircuitObserver(Action<CircuitSnapshot> apply) : ICircuitObserver
{
    public void OnCircuitChanged(CircuitSnapshot snapshot) => apply(snapshot);
}
