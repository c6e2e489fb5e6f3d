namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record StatusResponse(string Status, int Silos, ErrorHandlingStatus ErrorHandling);
