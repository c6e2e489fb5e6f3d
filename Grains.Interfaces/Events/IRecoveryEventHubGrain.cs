using RecoveryCluster.Analytics;

namespace RecoveryCluster.Events;

/// <summary>
/// The cluster's event hub (key <see cref="DefaultKey"/>): silos hand it batches one-way, it stamps their order,
/// watches the recovery metrics for anomalies and pushes every batch to the subscribed observers. It is off the
/// recovery path: nothing waits on it.
/// </summary>
[Alias("rc.IRecoveryEventHubGrain")]
public interface IRecoveryEventHubGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    [Alias("Publish"), OneWay]
    Task PublishAsync(IReadOnlyList<RecoveryEvent> events);

    /// <summary>Subscribes (or renews) an observer; subscriptions expire unless renewed (see <see cref="RecoveryEventFeed"/>).</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IRecoveryEventObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IRecoveryEventObserver observer);

    /// <summary>The most recent anomalies, newest first.</summary>
    [Alias("GetAnomalies"), ReadOnly]
    Task<IReadOnlyList<Anomaly>> GetAnomaliesAsync(int limit);
}
