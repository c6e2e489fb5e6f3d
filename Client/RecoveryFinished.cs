namespace RecoveryCluster.Client;

/// <summary>How one recovery ended, raised by <see cref="RecoveryClient.RecoveryFinished"/>.</summary>
/// <param name="Level">The level of the last attempt (1..5); 0 when no plan ran.</param>
/// <param name="Resolved">A strategy recovered the operation.</param>
/// <param name="Escalated">This recovery's failed level-5 attempt escalated the error to a person (once per episode).</param>
/// <param name="Held">
/// The error was held as escalated: not a new escalation. With <paramref name="Resolved"/> the held level-1 attempt
/// recovered the operation; without it the operation failed fast or after that one attempt.
/// </param>
/// <param name="Local">
/// The cluster was out of reach, so this worker recovered alone (retry, then the call's fallback); the record is sent
/// to the cluster when it returns.
/// </param>
public sealed record RecoveryFinished(
    string Component, string ErrorId, int Level, int Attempts, TimeSpan Elapsed, bool Resolved, bool Escalated, bool Held = false, bool Local = false);
