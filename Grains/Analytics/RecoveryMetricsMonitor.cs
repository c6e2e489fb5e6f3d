using RecoveryCluster.Analytics;
using RecoveryCluster.Errors;
using RecoveryCluster.Events;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// Turns the event stream into the watched series and runs them through the <see cref="AnomalyDetector"/>: decision
/// latency (every report and attempt), error rate per component (reports per interval, quiet intervals counting as
/// zero), success rate per strategy (share of each block of outcomes) and execution time per strategy.
/// </summary>
public sealed class RecoveryMetricsMonitor(AnomalyOptions options)
{
    private readonly AnomalyDetector _detector = new(options);
    private readonly Dictionary<string, (long Interval, int Count)> _reports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Outcomes, int Successes)> _blocks = new(StringComparer.Ordinal);

    /// <summary>Feeds one event; returns the anomalies it revealed (usually none).</summary>
    public IReadOnlyList<Anomaly> Observe(RecoveryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        List<Anomaly>? found = null;
        void Judge(string metric, string subject, double value)
        {
            if (_detector.Observe(metric, subject, value, e.Timestamp) is { } anomaly)
            {
                (found ??= []).Add(anomaly);
            }
        }

        if (e.DecisionMilliseconds is { } decision)
        {
            Judge(AnomalyMetrics.DecisionLatency, string.Empty, decision);
        }

        switch (e.Kind)
        {
            case RecoveryEventKind.ErrorReported:
                CountReport(e, Judge);
                break;
            case RecoveryEventKind.AttemptRecorded when e.StrategyId is { } strategy && e.ErrorType is { } type:
                var subject = string.Concat(type.ToName(), "/", strategy);
                if (e.ExecutionTime is { } time)
                {
                    Judge(AnomalyMetrics.ExecutionTime, subject, time.TotalSeconds);
                }

                CountOutcome(subject, e.Success == true, Judge);
                break;
        }

        return found ?? (IReadOnlyList<Anomaly>)[];
    }

    private void CountReport(RecoveryEvent e, Action<string, string, double> judge)
    {
        if (!_reports.ContainsKey(e.Component) && _reports.Count >= AnomalyDetector.MaxSeries)
        {
            return;
        }

        var interval = e.Timestamp.UtcTicks / options.ErrorRateInterval.Ticks;
        if (!_reports.TryGetValue(e.Component, out var current))
        {
            _reports[e.Component] = (interval, 1);
            return;
        }

        if (interval <= current.Interval)
        {
            // Same interval (or a straggler from an earlier one): it counts toward the open interval.
            _reports[e.Component] = (current.Interval, current.Count + 1);
            return;
        }

        judge(AnomalyMetrics.ErrorRate, e.Component, current.Count);
        var quiet = Math.Min(interval - current.Interval - 1, options.WindowSize);
        for (var i = 0; i < quiet; i++)
        {
            judge(AnomalyMetrics.ErrorRate, e.Component, 0);
        }

        _reports[e.Component] = (interval, 1);
    }

    private void CountOutcome(string subject, bool success, Action<string, string, double> judge)
    {
        if (!_blocks.TryGetValue(subject, out var block) && _blocks.Count >= AnomalyDetector.MaxSeries)
        {
            return;
        }

        block = (block.Outcomes + 1, block.Successes + (success ? 1 : 0));
        if (block.Outcomes < options.SuccessBlock)
        {
            _blocks[subject] = block;
            return;
        }

        _blocks[subject] = (0, 0);
        judge(AnomalyMetrics.SuccessRate, subject, (double)block.Successes / block.Outcomes);
    }
}
