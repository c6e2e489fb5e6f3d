namespace RecoveryCluster.Client.Remediation;

/// <summary>What a worker knows when the cluster gives an error up to a person.</summary>
public sealed record EscalationNotice(string ErrorId, string Component, string Operation, Exception Error);
