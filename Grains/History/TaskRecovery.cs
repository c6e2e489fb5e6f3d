namespace RecoveryCluster.Grains.History;

/// <summary>Tasks affected and recovered by the attempts of an error type; the rate is recovered ÷ affected (0 with none affected).</summary>
public sealed record TaskRecovery(long Attempts, long AffectedTasks, long RecoveredTasks, double Rate);
