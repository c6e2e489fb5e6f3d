namespace RecoveryCluster.Benchmarks.EndToEnd;

/// <summary>
/// One scenario at one concurrency: throughput and latency, the ratios to the no-op baseline at the same concurrency,
/// and the grain calls the silo took per operation, in all and by interface (0 and null for latency-only rows).
/// </summary>
public sealed record LoadResult(
    string Scenario, int Concurrency, long Operations, double OperationsPerSecond, double P50Microseconds, double P99Microseconds,
    double ThroughputRatio, double P50Ratio, double P99Ratio, double GrainCallsPerOperation = 0,
    IReadOnlyDictionary<string, double>? GrainCallsByInterface = null);
