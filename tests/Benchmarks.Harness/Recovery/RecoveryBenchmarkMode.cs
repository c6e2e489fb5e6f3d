namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>How long and how often the P5 benchmark runs; smoke is for the test suite.</summary>
public enum RecoveryBenchmarkMode
{
    Smoke,
    Quick,
    Standard,
    Comprehensive,
}
