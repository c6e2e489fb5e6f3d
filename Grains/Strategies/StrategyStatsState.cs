using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>The persisted history of one (error type, strategy) pair.</summary>
[GenerateSerializer, Alias("rc.strategy-stats-state")]
public sealed class StrategyStatsState
{
    [Id(0)] public long TotalExecutions { get; set; }
    [Id(1)] public long TotalSuccesses { get; set; }

    /// <summary>The most recent executions, oldest first, bounded by the window size.</summary>
    [Id(2)] public List<StrategyExecution> Window { get; set; } = [];

    /// <summary>Null until the first execution; then the adaptive timeout.</summary>
    [Id(3)] public TimeSpan? Timeout { get; set; }

    [Id(4)] public List<TimeBucketStats> Trend { get; set; } = [];
    [Id(5)] public Dictionary<string, HardwareCounter> ByHardware { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public DateTimeOffset? LastUpdated { get; set; }

    /// <summary>Stability scores that workers measured after their outcomes, newest last, bounded by the window size.</summary>
    [Id(7)] public List<double> StabilitySamples { get; set; } = [];
}
