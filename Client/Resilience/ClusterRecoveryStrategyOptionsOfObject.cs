namespace RecoveryCluster.Client.Resilience;

/// <summary>The options of the cluster's recovery in a pipeline without a result type.</summary>
public class ClusterRecoveryStrategyOptions : ClusterRecoveryStrategyOptions<object>;
