namespace RecoveryCluster.Client.Gate;

/// <summary>Lets a recovery step through a component's gate as a call does: held while the circuit is open, as a probe while half-open.</summary>
internal interface IComponentPassage
{
    /// <summary>Waits (at most <paramref name="maxWait"/>) until the gate lets a call through; throws <see cref="CircuitOpenException"/> when it does not.</summary>
    Task<(GateDecision Decision, TimeSpan Waited)> PassAsync(ComponentGate gate, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Tells the breaker how a call let through as a probe went (a failure reopens it, a success counts toward closing).</summary>
    Task CompleteAsync(ComponentGate gate, GateDecision decision, Exception? failure);

    /// <summary>Gives a probe permit back without a verdict: the call let through never reached the component.</summary>
    Task ReleaseAsync(ComponentGate gate);
}
