using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record DiagnosticsResponse(
    IReadOnlyList<SiloEntry> Silos, StorageStatus Storage, IReadOnlyList<CircuitSnapshot> OpenCircuits, IReadOnlyList<EscalationRecord> Escalations);
