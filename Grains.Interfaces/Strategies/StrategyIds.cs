namespace RecoveryCluster.Strategies;

/// <summary>Ids of the built-in strategies.</summary>
public static class StrategyIds
{
    public const string Retry = "retry";
    public const string Reconnect = "reconnect";
    public const string DatabaseReconnect = "database-reconnect";
    public const string ErrorCorrection = "error-correction";
    public const string Fallback = "fallback";
    public const string CompensatingTransaction = "compensating-transaction";
    public const string WorkerRecovery = "worker-recovery";
    public const string CoordinatorRecovery = "coordinator-recovery";
    public const string GracefulDegradation = "graceful-degradation";
    public const string SystemRecovery = "system-recovery";

    /// <summary>Not planned at a level: it is what follows a failed level 5.</summary>
    public const string Escalation = "escalation";
}
