namespace RecoveryCluster.Client.Gate;

/// <summary>How a call may go ahead.</summary>
internal enum GateDecision
{
    /// <summary>Closed (or the cluster is unreachable): run under the local breaker.</summary>
    Pass,
    /// <summary>Half-open and this worker holds a probe permit: report the result straight away.</summary>
    Probe,
}
