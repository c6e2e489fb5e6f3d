using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>Ranks the strategies for an error type by reading their statistics grains in parallel; keeps no state.</summary>
[StatelessWorker]
public sealed class RecoveryAdvisorGrain(StrategyCatalog catalog) : Grain, IRecoveryAdvisorGrain
{
    public async Task<IReadOnlyList<StrategyRecommendation>> GetRecommendationsAsync()
    {
        var type = ErrorTypeNames.Parse(this.GetPrimaryKeyString());
        var strategies = catalog.ForType(type);
        var stats = await Task.WhenAll(strategies.Select(s =>
            GrainFactory.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(type, s.Id)).GetSnapshotAsync()));
        return strategies
            .Zip(stats, (strategy, snapshot) => (strategy, snapshot))
            .Select((pair, order) => (pair.strategy, pair.snapshot, order))
            .OrderByDescending(x => x.snapshot.Score)
            .ThenBy(x => x.order)
            .Select((x, rank) => new StrategyRecommendation(rank + 1, x.strategy, x.snapshot))
            .ToArray();
    }

    public Task<IReadOnlyList<StrategyDescriptor>> GetStrategiesAsync() =>
        Task.FromResult(catalog.ForType(ErrorTypeNames.Parse(this.GetPrimaryKeyString())));
}
