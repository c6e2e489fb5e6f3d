namespace RecoveryCluster.Client.Hooks;

/// <summary>An escalated error, as an <see cref="RecoveryHooks.OnEscalation"/> hook sees it.</summary>
/// <param name="Attempts">Attempts this worker ran before the escalation; 0 when the error was already escalated when reported.</param>
/// <param name="Exception">The last failure.</param>
public sealed record EscalationHookContext(string ErrorId, string Component, string Operation, int Attempts, Exception Exception);
