namespace RecoveryCluster.Client.Hedging;

/// <summary>
/// A hedged copy that did not start because this worker's fleet limit share was spent. It never reaches the caller: the
/// call's own outcome stands (see <see cref="HedgedCall{T}"/>).
/// </summary>
internal sealed class HedgeSkippedException(string component)
    : Exception($"A hedged copy of a call into '{component}' did not start: this worker's fleet limit share is spent.");
