namespace RecoveryCluster.Silo.Audit;

/// <summary>What an operator action was aimed at, and what else its request said (an isolation's reason, say).</summary>
public sealed record AuditSubject(string Target, string? Detail = null);
