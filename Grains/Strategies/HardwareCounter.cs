namespace RecoveryCluster.Grains.Strategies;

/// <summary>Executions and successes on one machine.</summary>
[GenerateSerializer, Alias("rc.hardware-counter")]
public sealed class HardwareCounter
{
    [Id(0)] public long Executions { get; set; }
    [Id(1)] public long Successes { get; set; }
}
