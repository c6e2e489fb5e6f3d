namespace RecoveryCluster.Errors;

/// <summary>
/// A failure a worker recovered on its own while the cluster was out of reach, sent when it returned: the occurrence
/// with its original time, and the outcome of each local attempt (retry, then the call's fallback), in order.
/// </summary>
/// <param name="Sequence">The worker's number for this record, increasing within <see cref="OfflineBatch.Epoch"/>; a record at or below the last one taken is a repeat.</param>
[GenerateSerializer, Immutable, Alias("rc.offline-recovery")]
public sealed record OfflineRecovery(
    [property: Id(0)] long Sequence,
    [property: Id(1)] ErrorOccurrence Occurrence,
    [property: Id(2)] IReadOnlyList<RecoveryOutcome> Outcomes);
