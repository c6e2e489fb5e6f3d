namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record SiloEntry(string Address, string Status);
