using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Client.Measurement;

/// <summary>
/// Measures stability after each recovery: the share of the component's operations that succeed during the window
/// that follows it. Closed windows are sent to the strategy's statistics grain.
/// </summary>
internal sealed class StabilityTracker(IGrainFactory grains, ClusterCalls calls, TimeProvider time, IOptions<RecoveryClientOptions> options)
{
    private readonly TimeSpan _window = options.Value.StabilityWindow;

    private readonly ConcurrentDictionary<string, StabilityWindow> _open = new(StringComparer.Ordinal);

    public bool IsEmpty => _open.IsEmpty;

    public void Start(string component, ErrorType type, string strategyId) =>
        _open[component] = new StabilityWindow(component, type, strategyId, time.GetUtcNow() + _window);

    public void Count(string component, bool success)
    {
        if (!_open.IsEmpty && _open.TryGetValue(component, out var w))
        {
            w.Count(success);
        }
    }

    /// <summary>Sends the scores of the windows that have closed.</summary>
    public async Task FlushClosedAsync()
    {
        var now = time.GetUtcNow();
        foreach (var (component, w) in _open)
        {
            if (w.ClosesAt > now || !_open.TryRemove(new KeyValuePair<string, StabilityWindow>(component, w)))
            {
                continue;
            }

            if (w.Score() is { } score)
            {
                var stats = grains.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(w.Type, w.StrategyId));
                await calls.CallAsync(() => stats.RecordStabilityAsync(score)).ConfigureAwait(false);
            }
        }
    }
}
