namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record AlternativeResponse(string StrategyId, double Score, long Samples);
