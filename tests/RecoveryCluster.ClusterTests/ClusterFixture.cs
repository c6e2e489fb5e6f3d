using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;
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

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
