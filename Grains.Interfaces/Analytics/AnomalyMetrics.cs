namespace RecoveryCluster.Analytics;

/// <summary>The names of the watched recovery metrics.</summary>
public static class AnomalyMetrics
{
    public const string DecisionLatency = "decision-latency";
    public const string ErrorRate = "error-rate";
    public const string SuccessRate = "success-rate";
    public const string ExecutionTime = "execution-time";
    public const string Stability = "stability";
}
