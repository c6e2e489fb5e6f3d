using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using RecoveryCluster.Analytics;
using RecoveryCluster.Events;
using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.Grains.Events;

/// <summary>
/// The cluster's event hub: stamps the order of arrival, runs the anomaly monitor over the stream and pushes every
/// batch (with any anomalies it revealed) to the observers one-way. Its state is a view of a live stream, so it is
/// kept in memory and kept alive.
/// </summary>
[KeepAlive]
public sealed class RecoveryEventHubGrain : Grain, IRecoveryEventHubGrain
{
    private readonly ObserverManager<IRecoveryEventObserver> _observers;
    private readonly RecoveryMetricsMonitor _monitor;
    private readonly AnomalyOptions _options;
    private readonly RecoveryEventInstruments _instruments;
    private readonly LinkedList<Anomaly> _anomalies = new();
    private long _sequence;

    public RecoveryEventHubGrain(IOptions<AnomalyOptions> options, RecoveryEventInstruments instruments, ILogger<RecoveryEventHubGrain> logger)
    {
        _options = options.Value;
        _instruments = instruments;
        _monitor = new RecoveryMetricsMonitor(_options);
        _observers = new ObserverManager<IRecoveryEventObserver>(RecoveryEventFeed.HubExpiry, logger);
    }

    public Task PublishAsync(IReadOnlyList<RecoveryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var stamped = new List<RecoveryEvent>(events.Count);
        foreach (var e in events)
        {
            if (e is null)
            {
                continue;
            }

            stamped.Add(e with { Sequence = ++_sequence });
            foreach (var anomaly in _monitor.Observe(e))
            {
                Remember(anomaly);
                stamped.Add(new RecoveryEvent(RecoveryEvent.NewId(), RecoveryEventKind.Anomaly, anomaly.DetectedAt,
                    AnomalySubjectComponent(anomaly, e), ErrorType: e.ErrorType, StrategyId: e.StrategyId,
                    Message: Describe(anomaly), Anomaly: anomaly, Sequence: ++_sequence));
            }
        }

        if (stamped.Count > 0 && _observers.Count > 0)
        {
            IReadOnlyList<RecoveryEvent> batch = stamped;
            _observers.Notify(o => o.OnEvents(batch));
        }

        return Task.CompletedTask;
    }

    public Task<long> SubscribeAsync(IRecoveryEventObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return Task.FromResult(_sequence + 1);
    }

    public Task UnsubscribeAsync(IRecoveryEventObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Anomaly>> GetAnomaliesAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<Anomaly> newestFirst = _anomalies.Reverse().Take(limit).ToArray();
        return Task.FromResult(newestFirst);
    }

    private void Remember(Anomaly anomaly)
    {
        _anomalies.AddLast(anomaly);
        if (_anomalies.Count > _options.Kept)
        {
            _anomalies.RemoveFirst();
        }

        _instruments.Anomalies.Add(1, new TagList { { "metric", anomaly.Metric } });
    }

    /// <summary>Error-rate anomalies belong to their component; the others to the component of the event that revealed them.</summary>
    private static string AnomalySubjectComponent(Anomaly anomaly, RecoveryEvent revealedBy) =>
        anomaly.Metric == AnomalyMetrics.ErrorRate ? anomaly.Subject : revealedBy.Component;

    private static string Describe(Anomaly a) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{a.Metric}{(a.Subject.Length > 0 ? " of " + a.Subject : string.Empty)}: {a.Value:0.###} against a mean of {a.Mean:0.###} (sd {a.StandardDeviation:0.###}, {a.Samples} samples), severity {a.Severity:0.00}");
}
