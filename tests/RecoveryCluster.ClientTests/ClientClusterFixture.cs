using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Grains.Options;

namespace RecoveryCluster.ClientTests;

/// <summary>
/// Two in-process silos whose recovery clock tests can move, short strategy timeouts so a hanging strategy is cut off
/// quickly, and a filter that counts every grain call the client makes.
/// </summary>
public class ClientClusterFixture : IAsyncLifetime
{
    private static readonly ILoggerFactory ClientLogs = LoggerFactory.Create(logging => logging.AddProvider(TestLogFile.Instance));

    public FakeTimeProvider SiloTime { get; } = new(TimeProvider.System.GetUtcNow());

    public GrainCallCounter Calls { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var clock = new RecoveryClock(SiloTime);
        var calls = Calls;
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddLogging(logging => logging.AddProvider(TestLogFile.Instance));
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
            silo.AddActivityPropagation();
            silo.Services.AddSingleton(clock);
            silo.Services.Configure<StrategyStatsOptions>(o =>
            {
                o.BaseTimeout = TimeSpan.FromSeconds(2);
                o.MinTimeout = TimeSpan.FromMilliseconds(500);
                o.MaxTimeout = TimeSpan.FromSeconds(5);
            });
        });
        builder.ConfigureClient(client =>
        {
            client.Services.AddLogging(logging => logging.AddProvider(TestLogFile.Instance));
            client.AddOutgoingGrainCallFilter(calls);
            client.AddActivityPropagation();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    /// <summary>A recovery client for one worker, with fast renewal and flushing unless a test says otherwise.</summary>
    public RecoveryClient NewClient(string workerId, Action<RecoveryClientOptions>? configure = null, IRecoveryActions? actions = null, params IRecoveryStrategy[] strategies) =>
        NewClient(workerId, TimeProvider.System, configure, actions, strategies);

    /// <summary>A recovery client whose own timers (holds, plan and cluster-call timeouts, renewals) run on <paramref name="time"/>.</summary>
    public RecoveryClient NewClient(string workerId, TimeProvider time, Action<RecoveryClientOptions>? configure = null, IRecoveryActions? actions = null, params IRecoveryStrategy[] strategies)
    {
        var options = new RecoveryClientOptions
        {
            WorkerId = workerId,
            HardwareId = "test-host",
            ClusterCallTimeout = TimeSpan.FromSeconds(10),
            ResubscribeInterval = TimeSpan.FromMilliseconds(200),
            SuccessFlushInterval = TimeSpan.FromMilliseconds(100),
            StabilityWindow = TimeSpan.FromMilliseconds(300),
        };
        configure?.Invoke(options);
        return new RecoveryClient(
            Client, Options.Create(options), new ErrorClassifier(), new StrategyRegistry(strategies), actions ?? new NoRecoveryActions(),
            time, ClientLogs.CreateLogger<RecoveryClient>());
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            // A silo whose shutdown waits on a peer that is already gone must not hold the test run: give it a minute.
            try
            {
                await Cluster.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
            }
            catch (TimeoutException)
            {
                // The silos' threads are background threads; the run goes on without them.
            }
        }
    }
}
