using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using Polly;
using Polly.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;

namespace RecoveryCluster.Benchmarks;

/// <summary>
/// P1: the client's gate check with the cluster breaker closed, against Polly v8's own circuit breaker around the
/// same no-op. A one-silo in-process cluster backs the client; the closed path never calls it.
/// </summary>
[MemoryDiagnoser]
public class GateBenchmark
{
    private const string Component = "bench-db";
    private InProcessTestCluster _cluster = null!;
    private RecoveryClient _client = null!;
    private ComponentGate _gate = null!;
    private ResiliencePipeline _polly = null!;
    private static readonly Func<CancellationToken, Task<int>> NoOpTask = static _ => Task.FromResult(1);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _client = new RecoveryClient(
            _cluster.Client, Options.Create(new RecoveryClientOptions { WorkerId = "bench", ResubscribeInterval = TimeSpan.FromMinutes(4), SuccessFlushInterval = TimeSpan.FromMinutes(4) }),
            new ErrorClassifier(), new StrategyRegistry([]), new NoRecoveryActions(), TimeProvider.System, NullLogger<RecoveryClient>.Instance);
        await _client.ExecuteAsync(Component, "Warm", NoOpTask);
        _gate = await _client.GateAsync(Component);
        _polly = new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions()).Build();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Polly v8 circuit breaker around a no-op")]
    public ValueTask PollyCircuitBreaker() => _polly.ExecuteAsync(static _ => ValueTask.CompletedTask);

    [Benchmark(Description = "cluster gate check (closed)")]
    public bool ClusterGateCheck()
    {
        var decision = _client.EnterAsync(_gate, CancellationToken.None);
        return decision.IsCompletedSuccessfully && decision.Result == GateDecision.Pass;
    }

    [Benchmark(Description = "cluster gate + this worker's local breaker around a no-op")]
    public async ValueTask GateAndLocalBreaker()
    {
        await _client.EnterAsync(_gate, CancellationToken.None);
        await _gate.LocalBreaker.ExecuteAsync(static _ => ValueTask.CompletedTask);
    }

    [Benchmark(Description = "IRecoveryClient.ExecuteAsync, closed, no-op")]
    public Task<int> ExecuteAsyncClosed() => _client.ExecuteAsync(Component, "Read", NoOpTask);
}
