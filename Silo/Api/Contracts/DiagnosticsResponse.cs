using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record DiagnosticsResponse(
    IReadOnlyList<SiloEntry> Silos, StorageStatus Storage, IReadOnlyList<CircuitSnapshot> OpenCircuits, IReadOnlyList<EscalationRecord> Escalations)
{
    /// <summary>The recovery event stream and the escalation webhook.</summary>
    public EventsDiagnostics? Events { get; init; }
}
