namespace RecoveryCluster.Errors;

/// <summary>One worker's offline records of one error, oldest first.</summary>
/// <param name="Epoch">
/// Identifies the worker's buffer (a new one per process start): sequences count within it, so a restarted worker
/// starts again at 1 without its records being taken for repeats.
/// </param>
[GenerateSerializer, Immutable, Alias("rc.offline-batch")]
public sealed record OfflineBatch(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] Guid Epoch,
    [property: Id(2)] IReadOnlyList<OfflineRecovery> Recoveries);
