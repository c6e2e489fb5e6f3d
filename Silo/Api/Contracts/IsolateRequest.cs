namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record IsolateRequest(string? Reason);
