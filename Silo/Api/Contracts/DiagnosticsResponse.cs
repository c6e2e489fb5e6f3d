using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Retention;

namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record DiagnosticsResponse(
    IReadOnlyList<SiloEntry> Silos, StorageStatus Storage, IReadOnlyList<CircuitSnapshot> OpenCircuits, IReadOnlyList<EscalationRecord> Escalations)
{
    /// <summary>The recovery event stream and the escalation webhook.</summary>
    public EventsDiagnostics? Events { get; init; }

    /// <summary>What retention removed since its activation, and its last pass.</summary>
    public RetentionStatus? Retention { get; init; }
}
