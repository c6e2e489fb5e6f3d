using RecoveryCluster.Errors;

namespace RecoveryCluster.Strategies;

/// <summary>Performance history of one strategy for one error type; key <c>{errorType}/{strategyId}</c> (see <see cref="StrategyStatsKey"/>).</summary>
[Alias("rc.IStrategyStatsGrain")]
public interface IStrategyStatsGrain : IGrainWithStringKey
{
    /// <summary>Adds one execution and returns the updated score and timeout.</summary>
    [Alias("Record")]
    Task<StrategyStatsSnapshot> RecordAsync(StrategyExecution execution);

    [Alias("GetSnapshot"), ReadOnly]
    Task<StrategyStatsSnapshot> GetSnapshotAsync();

    /// <summary>Forgets the history and returns the timeout to its base.</summary>
    [Alias("Reset")]
    Task ResetAsync();
}
