namespace RecoveryCluster.Grains.History;

/// <summary>A strategy's average resource change over its attempts (after minus before), from attempts that measured both.</summary>
public sealed record ResourceUsageDelta(
    long Samples, double CpuPercent, double MemoryPercent, double ProcessCpuPercent, double ProcessMemoryMb, double NetworkBytes);
