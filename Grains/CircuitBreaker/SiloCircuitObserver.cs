using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>A silo's subscription to the breakers its error grains use: every transition lands in the silo's copy.</summary>
internal sealed class SiloCircuitObserver(Action<CircuitSnapshot> changed) : ICircuitObserver
{
    public void OnCircuitChanged(CircuitSnapshot snapshot) => changed(snapshot);
}
