using RecoveryCluster.Analytics;

namespace RecoveryCluster.Events;

/// <summary>
/// The cluster's event hub (key <see cref="DefaultKey"/>): silos hand it batches, it stamps their order of arrival,
/// watches the recovery metrics for anomalies and pushes every batch to the subscribed observers. It is off the
/// recovery path: only each silo's publishing loop waits on it.
/// </summary>
[Alias("rc.IRecoveryEventHubGrain")]
public interface IRecoveryEventHubGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>
    /// Takes one batch. Not one-way on purpose: Orleans does not keep one-way messages in order, so a silo sends its
    /// next batch only after the hub took the previous one, and one error's events reach every observer in order.
    /// </summary>
    [Alias("Publish")]
    Task PublishAsync(IReadOnlyList<RecoveryEvent> events);

    /// <summary>
    /// Subscribes (or renews) an observer; subscriptions expire unless renewed (the RecoveryEventFeed of the Shared library renews them).
    /// Returns the sequence number the next event will carry, so the subscriber knows where its count starts.
    /// </summary>
    [Alias("Subscribe")]
    Task<long> SubscribeAsync(IRecoveryEventObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IRecoveryEventObserver observer);

    /// <summary>The most recent anomalies, newest first.</summary>
    [Alias("GetAnomalies"), ReadOnly]
    Task<IReadOnlyList<Anomaly>> GetAnomaliesAsync(int limit);
}
