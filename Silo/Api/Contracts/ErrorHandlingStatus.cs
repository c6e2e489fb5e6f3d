namespace RecoveryCluster.Silo.Api.Contracts;

public sealed record ErrorHandlingStatus(long TotalErrors, long UnresolvedErrors, int RecoveryStrategies, long RecoveryExecutions, double SuccessRate);
