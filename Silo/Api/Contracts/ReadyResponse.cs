namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record ReadyResponse(string Status, int Silos);
