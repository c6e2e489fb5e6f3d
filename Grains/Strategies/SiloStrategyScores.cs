using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Grains.PerSilo;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// The strategy scores a silo plans with, and the executions it feeds back, without statistics calls on the answer
/// path: executions go in batches (<see cref="RecoveryOptions.BatchInterval"/>), each answered with the new snapshot;
/// planning reads the newest snapshot heard, at most <see cref="RecoveryOptions.CachedStateMaxAge"/> old.
/// </summary>
public sealed class SiloStrategyScores
{
    private const int Capacity = 100_000;
    private readonly IGrainFactory _grains;
    private readonly ReadThroughCache<StrategyStatsSnapshot> _scores;
    private readonly OutboundBatcher<StrategyExecution> _executions;

    public SiloStrategyScores(IGrainFactory grains, RecoveryClock clock, IOptions<RecoveryOptions> options, ILogger<SiloStrategyScores> logger)
    {
        _grains = grains;
        _scores = new ReadThroughCache<StrategyStatsSnapshot>(
            key => Stats(key).GetSnapshotAsync(),
            supersedes: (_, _) => true,
            expired: (_, _) => false,
            clock,
            options.Value.CachedStateMaxAge);
        _executions = new OutboundBatcher<StrategyExecution>("strategy executions", SendAsync, options.Value.BatchInterval, Capacity, logger);
    }

    public ValueTask<StrategyStatsSnapshot> GetAsync(string statsKey) => _scores.GetAsync(statsKey);

    public void Record(string statsKey, StrategyExecution execution) => _executions.Enqueue(statsKey, execution);

    /// <summary>Completes when every execution given before the call has reached its statistics grain.</summary>
    public Task FlushAsync() => _executions.FlushAsync();

    private async Task SendAsync(string statsKey, IReadOnlyList<StrategyExecution> executions)
    {
        foreach (var chunk in executions.Chunk(Limits.MaxSiloBatch))
        {
            _scores.Observe(statsKey, await Stats(statsKey).RecordManyAsync(chunk));
        }
    }

    private IStrategyStatsGrain Stats(string statsKey) => _grains.GetGrain<IStrategyStatsGrain>(statsKey);
}
