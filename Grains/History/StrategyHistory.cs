using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.History;

/// <summary>What the history holds for one (error type, strategy) pair; see <see cref="IRecoveryHistoryStore.LoadStrategyAsync"/>.</summary>
/// <param name="Window">The most recent executions, oldest first.</param>
/// <param name="HourlyTrend">Executions per hour, oldest first.</param>
/// <param name="RecentRecordIds">Ids of the most recent records, so deliveries that raced the rebuild are not counted twice.</param>
public sealed record StrategyHistory(
    long TotalExecutions,
    long TotalSuccesses,
    IReadOnlyList<StrategyExecution> Window,
    IReadOnlyList<TimeBucketStats> HourlyTrend,
    IReadOnlyList<HardwareStats> ByHardware,
    IReadOnlyCollection<Guid> RecentRecordIds);
