namespace RecoveryCluster.Benchmarks;

public sealed record LearningRow(string ErrorType, string Phase, int Errors, double ClusterSuccess, double OracleSuccess, double FixedOrderSuccess);
