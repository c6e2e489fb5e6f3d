namespace RecoveryCluster.CircuitBreaker;

/// <summary>Receives every transition of the breakers it subscribed to.</summary>
[Alias("rc.ICircuitObserver")]
public interface ICircuitObserver : IGrainObserver
{
    [OneWay, Alias("OnCircuitChanged")]
    void OnCircuitChanged(CircuitSnapshot snapshot);
}
