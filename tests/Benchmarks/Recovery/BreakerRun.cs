using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// One P5 run: a fresh one-silo cluster, several demo workers (each its own recovery client and worker id, so the
/// breaker's quorum of distinct reporters can be met) calling one shared fleet of simulated components, and the
/// fault schedule planted on time. "Breaker off" raises the cluster breaker's failure threshold out of reach, so it
/// never opens and every episode starts at level 1; the workers' own local breakers are the same in both runs.
/// </summary>
public sealed class BreakerRun
{
    /// <summary>A disabled cluster breaker: consecutive failures it counts before opening, out of any run's reach.</summary>
    private const int UnreachableThreshold = 100_000;

    private static readonly TimeSpan DrainWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RejectedPause = TimeSpan.FromMilliseconds(50);

    private readonly RecoveryBenchmarkSettings _settings;
    private readonly bool _breakerOn;
    private readonly ConcurrentBag<RecoveryRecord> _recoveries = [];
    private long _operations;
    private long _succeeded;
    private long _rejected;
    private long _failed;
    private long _failedCalls;

    public BreakerRun(RecoveryBenchmarkSettings settings, bool breakerOn)
    {
        _settings = settings;
        _breakerOn = breakerOn;
    }

    public async Task<RunMeasurement> RunAsync(int seed, IReadOnlyList<ScheduledFault> schedule)
    {
        var cluster = await StartClusterAsync();
        var workers = new List<ServiceProvider>();
        try
        {
            var fleet = new SimulatedFleet(Microsoft.Extensions.Options.Options.Create(new WorkloadOptions()), TimeProvider.System);
            var components = fleet.All.ToArray();
            for (var w = 0; w < _settings.Workers; w++)
            {
                workers.Add(BuildWorker(cluster.Client, fleet, $"p5-worker-{w}"));
            }

            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var started = TimeProvider.System.GetTimestamp();
            using var stopStarting = new CancellationTokenSource();
            var planting = PlantAsync(schedule, components, stopStarting);
            var loops = workers.SelectMany(w => Enumerable.Range(0, _settings.LoopsPerWorker).Select(loop =>
                RunLoopAsync(w.GetRequiredService<RecoveryClient>(), components, loop, stopStarting.Token))).ToArray();
            await planting;

            // No new operations after the schedule ends; the ones under way finish, so long recoveries are not cut off.
            using var drainLimit = new CancellationTokenSource(DrainWithin);
            await Task.WhenAll(loops).WaitAsync(drainLimit.Token);
            process.Refresh();
            return new RunMeasurement(_breakerOn, seed, schedule.Count, [.. _recoveries],
                _operations, _succeeded, _rejected, _failed, _failedCalls,
                (process.TotalProcessorTime - cpuBefore).TotalMilliseconds,
                (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / 1024.0,
                TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            await cluster.DisposeAsync();
        }
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var breakerOn = _breakerOn;
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
            silo.Services.Configure<CircuitBreakerOptions>(o =>
            {
                o.RecoveryTimeout = RecoveryBenchmarkSettings.BreakDuration;
                if (!breakerOn)
                {
                    o.FailureThreshold = UnreachableThreshold;
                }
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static ServiceProvider BuildWorker(IClusterClient cluster, SimulatedFleet fleet, string workerId)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<IGrainFactory>(cluster);
        services.AddRecoveryClient(o =>
        {
            o.WorkerId = workerId;
            o.StabilityWindow = RecoveryBenchmarkSettings.BreakDuration;
            o.LocalBreaker.BreakDuration = RecoveryBenchmarkSettings.BreakDuration;
        });
        services.AddDemoWorkload();

        // Registered last so it wins: every worker calls the same components, as a fleet shares its services.
        services.AddSingleton(fleet);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<RecoveryClient>().RecoveryFinished += OnRecoveryFinished;
        return provider;
    }

    private static void OnRecoveryFinished(RecoveryFinished finished)
    {
        if (OperationTag.Current.Value is { } tag)
        {
            tag.Finished = finished;

            // A fault planted while the call was under way is the one it failed on.
            tag.Fault ??= tag.Component.Fault;
        }
    }

    private async Task PlantAsync(IReadOnlyList<ScheduledFault> schedule, SimulatedComponent[] components, CancellationTokenSource stopStarting)
    {
        var bySlot = schedule.ToLookup(f => f.Slot);
        var slots = (int)(_settings.Duration / _settings.Slot);
        var start = TimeProvider.System.GetTimestamp();
        for (var slot = 0; slot < slots; slot++)
        {
            // Slots are due at fixed offsets from the start, so a late slot does not shift the ones after it.
            var due = _settings.Slot * slot - TimeProvider.System.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            foreach (var fault in bySlot[slot])
            {
                components[fault.Component].Plant(fault.Create());
            }
        }

        var end = _settings.Duration - TimeProvider.System.GetElapsedTime(start);
        if (end > TimeSpan.Zero)
        {
            await Task.Delay(end);
        }

        await stopStarting.CancelAsync();
    }

    private async Task RunLoopAsync(RecoveryClient client, SimulatedComponent[] components, int loop, CancellationToken stopStarting)
    {
        for (var n = loop; !stopStarting.IsCancellationRequested; n++)
        {
            var component = components[n % components.Length];
            var tag = new OperationTag(component);
            OperationTag.Current.Value = tag;
            var options = new ExecuteOptions
            {
                Timeout = TimeSpan.FromSeconds(5),
                TaskIds = [string.Create(CultureInfo.InvariantCulture, $"task-{client.WorkerId}-{n}")],
                IsCritical = component.Name.EndsWith("-db", StringComparison.Ordinal),
            };
            try
            {
                await client.ExecuteAsync(component.Name, "Process", ct => CallAsync(component, ct), options);
                Interlocked.Increment(ref _succeeded);
            }
            catch (CircuitOpenException)
            {
                Interlocked.Increment(ref _rejected);
                await Task.Delay(RejectedPause);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Interlocked.Increment(ref _failed);
            }
            finally
            {
                OperationTag.Current.Value = null;
                Interlocked.Increment(ref _operations);
            }

            if (tag.Finished is { } finished)
            {
                var fault = tag.Fault;
                _recoveries.Add(new RecoveryRecord(fault?.Kind.ToString() ?? "none", fault?.Intensity.ToString() ?? "none",
                    finished.Elapsed.TotalMilliseconds, finished.Resolved, finished.Escalated, finished.Level, finished.Attempts));
            }
        }
    }

    /// <summary>The component call, counting failed calls: the load a sick component takes.</summary>
    private async Task<int> CallAsync(SimulatedComponent component, CancellationToken cancellationToken)
    {
        try
        {
            return await component.InvokeAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failedCalls);
            throw;
        }
    }
}
