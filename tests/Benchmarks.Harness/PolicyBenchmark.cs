using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Benchmarks;

/// <summary>The pure policies on the recovery path: score, adaptive timeout, classification, fingerprint.</summary>
[MemoryDiagnoser]
public class PolicyBenchmark
{
    private readonly StrategyExecution[] _window = Enumerable.Range(0, 100)
        .Select(i => new StrategyExecution(i % 3 != 0, TimeSpan.FromSeconds(1 + i % 7), i % 5, i % 3, 0.1, 0.9, "host", false, RecoveryLevel.Basic, DateTimeOffset.UnixEpoch))
        .ToArray();
    private readonly ErrorClassifier _classifier = new();
    private readonly Exception _socketError = new SocketException((int)SocketError.ConnectionReset);
    private readonly Exception _timeoutMessage = new InvalidOperationException("The operation timed out after 30 s");

    [Benchmark(Description = "score over a window of 100")]
    public double Score() => StrategyScore.Compute(_window).Score;

    [Benchmark(Description = "adaptive timeout update")]
    public TimeSpan AdaptiveTimeoutUpdate() =>
        AdaptiveTimeout.Next(TimeSpan.FromSeconds(30), success: false, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300));

    [Benchmark(Description = "classify by exception type")]
    public ErrorClassification ClassifyByType() => _classifier.Classify(_socketError);

    [Benchmark(Description = "classify by message pattern")]
    public ErrorClassification ClassifyByPattern() => _classifier.Classify(_timeoutMessage);

    [Benchmark(Description = "fingerprint")]
    public string Fingerprint() => ErrorFingerprint.Compute(ErrorType.Database, "orders-db", "Save", "connection 7f3a reset by 10.0.0.7:5432 after 31 ms");
}
