namespace RecoveryCluster.Events;

/// <summary>Receives batches of recovery events from the event hub, in hub order.</summary>
[Alias("rc.IRecoveryEventObserver")]
public interface IRecoveryEventObserver : IGrainObserver
{
    [OneWay, Alias("OnEvents")]
    void OnEvents(IReadOnlyList<RecoveryEvent> events);
}
