namespace RecoveryCluster.Strategies;

/// <summary>Performance history of one strategy for one error type; key <c>{errorType}/{strategyId}</c> (see <see cref="StrategyStatsKey"/>).</summary>
[Alias("rc.IStrategyStatsGrain")]
public interface IStrategyStatsGrain : IGrainWithStringKey
{
    /// <summary>Adds one execution and returns the updated score and timeout.</summary>
    [Alias("Record")]
    Task<StrategyStatsSnapshot> RecordAsync(StrategyExecution execution);

    /// <summary>Adds a silo's batch of executions in order; returns the updated score and timeout.</summary>
    [Alias("RecordMany")]
    Task<StrategyStatsSnapshot> RecordManyAsync(IReadOnlyList<StrategyExecution> executions);

    /// <summary>Adds a stability score (0..1) measured by a worker over the window after a recovery, which closes after the outcome was sent.</summary>
    [Alias("RecordStability")]
    Task RecordStabilityAsync(double stabilityScore);

    [Alias("GetSnapshot"), ReadOnly]
    Task<StrategyStatsSnapshot> GetSnapshotAsync();

    /// <summary>Forgets the history and returns the timeout to its base.</summary>
    [Alias("Reset")]
    Task ResetAsync();
}
