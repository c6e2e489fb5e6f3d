using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.CircuitBreaker;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClusterTests;

/// <summary>Two in-process silos with in-memory storage and one recovery clock the tests move by hand.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>A custom strategy registered on every silo, to prove registration reaches the planner.</summary>
    public static readonly StrategyDescriptor RestartPod =
        new("restart-pod", "Restart the worker's pod", [RecoveryLevel.Component], [ErrorType.Worker]);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Every event published on either silo, as the escalation webhook sees them.</summary>
    public RecordedEvents Events { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var clock = new RecoveryClock(Time);
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
            silo.Services.AddSingleton(clock);
            silo.Services.AddSingleton(Events);
            silo.Services.AddRecoveryEventSink<RecordedEvents>();
            silo.Services.AddRecoveryStrategy(RestartPod);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    /// <summary>
    /// Waits until everything the silos' error grains handed on has arrived: breaker signals, executions for the
    /// statistics (and the silos' copies of the scores they answered with), index lines and in-memory history.
    /// </summary>
    public Task HandedOnAsync() => Task.WhenAll(SiloServices().SelectMany(s => new[]
    {
        s.GetRequiredService<SiloCircuitView>().FlushAsync(),
        s.GetRequiredService<SiloStrategyScores>().FlushAsync(),
        s.GetRequiredService<ErrorIndexFeed>().FlushAsync(),
        ((GrainHistoryStore)s.GetRequiredService<IRecoveryHistoryStore>()).FlushAsync(),
    }));

    /// <summary>
    /// Waits until every silo's copy of the breaker has caught up with it (pushed, or read again when its copy aged)
    /// and is in <paramref name="state"/>.
    /// </summary>
    public async Task SilosSeeCircuitAsync(string component, CircuitState state)
    {
        var current = await Client.GetGrain<ICircuitBreakerGrain>(component).GetSnapshotAsync();
        Assert.Equal(state, current.State);
        await Eventually.HoldsAsync(
            async () => (await Task.WhenAll(SiloServices().Select(s => s.GetRequiredService<SiloCircuitView>().GetAsync(component).AsTask())))
                .All(c => c.Version >= current.Version),
            $"every silo sees '{component}' {state} (version {current.Version})");
    }

    /// <summary>Waits until every silo's copy of the type's scores for <paramref name="strategies"/> meets <paramref name="condition"/>.</summary>
    public Task SilosSeeScoresAsync(ErrorType type, IEnumerable<string> strategies, Func<StrategyStatsSnapshot, bool> condition) => Eventually.HoldsAsync(
        async () => (await Task.WhenAll(SiloServices().SelectMany(s => strategies.Select(id =>
            s.GetRequiredService<SiloStrategyScores>().GetAsync(StrategyStatsKey.For(type, id)).AsTask())))).All(condition),
        $"every silo's copy of the {type} scores");

    private IEnumerable<IServiceProvider> SiloServices() => Cluster.Silos.Select(s => s.ServiceProvider);

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
