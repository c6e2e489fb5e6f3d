namespace RecoveryCluster.Worker.Faults;

/// <summary>What a fault does to one call.</summary>
public enum FaultEffect
{
    Pass,
    Fail,
    Hang,
}
