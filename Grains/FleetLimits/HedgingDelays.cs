using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.Grains.FleetLimits;

/// <summary>
/// The learned hedging delay per operation: each worker's latest latency at the hedging percentile, combined weighted
/// by its calls. (A weighted mean of the workers' percentiles, not the percentile of all calls; close when the workers
/// see the same component, and it needs only a number per worker.) Reports older than a lease are forgotten.
/// </summary>
public sealed class HedgingDelays
{
    /// <summary>Most operations remembered per component; past it the least recently reported goes.</summary>
    public const int MaxOperations = 256;

    private readonly Dictionary<string, Dictionary<string, (long Calls, TimeSpan Quantile, DateTimeOffset At)>> _reports = new(StringComparer.Ordinal);

    public void Report(string workerId, IReadOnlyList<OperationLatency>? latencies, DateTimeOffset now)
    {
        foreach (var latency in latencies ?? [])
        {
            if (!_reports.TryGetValue(latency.Operation, out var byWorker))
            {
                if (_reports.Count >= MaxOperations)
                {
                    _reports.Remove(_reports.MinBy(r => r.Value.Values.Max(v => v.At)).Key);
                }

                _reports[latency.Operation] = byWorker = new(StringComparer.Ordinal);
            }

            byWorker[workerId] = (latency.Calls, latency.Quantile, now);
        }
    }

    /// <summary>The delay per operation under <paramref name="policy"/>; empty when hedging is off.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Delays(HedgingPolicy policy, TimeSpan maxAge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var delays = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (!policy.Enabled)
        {
            return delays;
        }

        foreach (var (operation, byWorker) in _reports)
        {
            foreach (var stale in byWorker.Where(w => now - w.Value.At > maxAge).Select(w => w.Key).ToList())
            {
                byWorker.Remove(stale);
            }

            var calls = byWorker.Values.Sum(v => v.Calls);
            if (calls == 0)
            {
                continue;
            }

            var learned = TimeSpan.FromTicks((long)byWorker.Values.Sum(v => (double)v.Calls * v.Quantile.Ticks / calls));
            delays[operation] = policy.FixedDelay ?? TimeSpan.FromTicks(Math.Clamp(learned.Ticks, policy.MinDelay.Ticks, policy.MaxDelay.Ticks));
        }

        return delays;
    }
}
