namespace RecoveryCluster.Strategies;

/// <summary>All-time executions and successes of a strategy on one machine.</summary>
[GenerateSerializer, Immutable, Alias("rc.hardware-stats")]
public sealed record HardwareStats(
    [property: Id(0)] string HardwareId,
    [property: Id(1)] long Executions,
    [property: Id(2)] long Successes);
