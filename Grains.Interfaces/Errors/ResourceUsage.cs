namespace RecoveryCluster.Errors;

/// <summary>A resource reading taken before or after a recovery attempt.</summary>
[GenerateSerializer, Immutable, Alias("rc.resource-usage")]
public sealed record ResourceUsage(
    [property: Id(0)] double CpuPercent,
    [property: Id(1)] double MemoryPercent,
    [property: Id(2)] double ProcessCpuPercent = 0,
    [property: Id(3)] double ProcessMemoryMb = 0,
    [property: Id(4)] long NetworkBytes = 0)
{
    public static ResourceUsage None { get; } = new(0, 0);
}
