namespace RecoveryCluster.Client;

/// <summary>How one recovery ended, raised by <see cref="RecoveryClient.RecoveryFinished"/>.</summary>
/// <param name="Level">The level of the last attempt (1..5); 0 when no plan ran.</param>
/// <param name="Resolved">A strategy recovered the operation.</param>
/// <param name="Escalated">Every level failed and the cluster escalated the error.</param>
public sealed record RecoveryFinished(string Component, string ErrorId, int Level, int Attempts, TimeSpan Elapsed, bool Resolved, bool Escalated);
