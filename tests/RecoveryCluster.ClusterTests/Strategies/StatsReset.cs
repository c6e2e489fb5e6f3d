using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests.Strategies;

public static class StatsReset
{
    /// <summary>Statistics are shared per error type across the cluster; a test that reads them starts from zero.</summary>
    public static async Task ResetStatsAsync(this IGrainFactory grains, ErrorType type)
    {
        var strategies = await grains.GetGrain<IRecoveryAdvisorGrain>(type.ToName()).GetStrategiesAsync();
        await Task.WhenAll(strategies.Select(s => grains.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(type, s.Id)).ResetAsync()));
    }
}
