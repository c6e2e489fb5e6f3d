namespace RecoveryCluster.Benchmarks.EndToEnd;

/// <summary>One scenario at one concurrency: throughput and latency, and the ratios to the no-op baseline at the same concurrency.</summary>
public sealed record LoadResult(
    string Scenario, int Concurrency, long Operations, double OperationsPerSecond, double P50Microseconds, double P99Microseconds,
    double ThroughputRatio, double P50Ratio, double P99Ratio);
