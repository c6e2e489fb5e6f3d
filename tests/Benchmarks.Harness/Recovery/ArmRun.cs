using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// One arm on one seed: a fresh fleet of simulated components, the workers of the arm, the seed's faults planted on
/// time, and what came of it. Cluster arms start a fresh one-silo cluster in this process; the workers are separate
/// recovery clients (own worker ids) on its connection. Polly arms have one pipeline per worker and component, as each
/// process would hold one per dependency.
/// </summary>
public static class ArmRun
{
    /// <summary>A cluster breaker that cannot open: consecutive failures it counts before opening, out of any run's reach.</summary>
    private const int UnreachableThreshold = 100_000;

    public static async Task<ArmSample> RunAsync(RecoveryArm arm, int seed, RecoveryBenchmarkSettings settings)
    {
        var time = TimeProvider.System;
        var options = new WorkloadOptions
        {
            Workers = settings.Workers,
            Rate = settings.Rate,
            Duration = settings.Duration,
            Seed = seed,
            OperationTimeout = settings.OperationTimeout,
            Faults = settings.Faults,
        };
        var fleet = new SimulatedFleet(Microsoft.Extensions.Options.Options.Create(options), time);
        var sample = new ArmSample(arm, seed);
        var workload = new FleetWorkload(fleet, options, time)
        {
            OperationEnded = (end, tag, endedAt) =>
            {
                var recovery = end == OperationEnd.Succeeded ? tag.RecoveryTime(endedAt, WorkloadStats.HeldBackAfter, time)?.TotalMilliseconds : null;
                lock (sample)
                {
                    sample.Operations.Add((end, tag.Fault?.Label, recovery, tag.Key));
                }
            },
        };

        InProcessTestCluster? cluster = null;
        ClusterConnection? unreachable = null;
        var providers = new List<ServiceProvider>();
        try
        {
            IReadOnlyList<Func<SimulatedComponent, long, CancellationToken, Task>> workers;
            if (arm is RecoveryArm.Cluster or RecoveryArm.ClusterNoBreaker or RecoveryArm.ClusterDown)
            {
                IGrainFactory grains;
                ClusterConnectionStatus? connection = null;
                if (arm == RecoveryArm.ClusterDown)
                {
                    // The worker's own connection, as an application builds it, to a port where no silo listens.
                    var gateway = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Testing.FreePorts.Take(1)[0]}");
                    unreachable = new ClusterConnection(new RecoveryClientOptions { Gateways = [gateway] }, new ClusterConnectionStatus(), NullLoggerFactory.Instance, time);
                    await unreachable.StartAsync(CancellationToken.None);
                    (grains, connection) = (unreachable.Client, unreachable.Status);
                }
                else
                {
                    cluster = await StartClusterAsync(breakerCanOpen: arm == RecoveryArm.Cluster, settings.OpenPeriods);
                    grains = cluster.Client;
                }

                for (var w = 0; w < settings.Workers; w++)
                {
                    providers.Add(FleetWorkers.Build(grains, fleet, string.Create(CultureInfo.InvariantCulture, $"bench-worker-{w + 1}"),
                        configure: o => o.OpenCircuitWait = settings.TotalTimeout, connection: connection));
                }

                var clients = providers.Select(p => p.GetRequiredService<RecoveryClient>()).ToList();
                clients[0].CircuitChanged += c =>
                {
                    if (c.State == CircuitBreaker.CircuitState.Open)
                    {
                        lock (sample)
                        {
                            sample.BreakerOpenings++;
                        }
                    }
                };
                foreach (var client in clients)
                {
                    client.RecoveryFinished += f =>
                    {
                        if (f.Escalated)
                        {
                            lock (sample)
                            {
                                sample.Escalations++;
                            }
                        }
                    };
                }

                workers = [.. clients.Select(client => (Func<SimulatedComponent, long, CancellationToken, Task>)((component, n, ct) =>
                    client.ExecuteAsync(component.Name, "Process", component.InvokeAsync, new ExecuteOptions
                    {
                        Timeout = settings.OperationTimeout,
                        TaskIds = [string.Create(CultureInfo.InvariantCulture, $"task-{n}")],
                        IsCritical = component.Name.EndsWith("-db", StringComparison.Ordinal),
                    }, ct)))];
            }
            else
            {
                workers = [.. Enumerable.Range(0, settings.Workers).Select(_ =>
                {
                    var pipelines = fleet.Ordered.ToDictionary(c => c.Name, _ => BuildPipeline(arm, settings, time), StringComparer.Ordinal);
                    return (Func<SimulatedComponent, long, CancellationToken, Task>)((component, _, ct) =>
                        pipelines[component.Name].ExecuteAsync(async token => await component.InvokeAsync(token), ct).AsTask());
                })];
            }

            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var started = time.GetTimestamp();
            await workload.RunAsync(workers, CancellationToken.None);
            process.Refresh();
            sample.CpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            sample.WallSeconds = time.GetElapsedTime(started).TotalSeconds;
            sample.Calls = fleet.Ordered.Sum(c => c.Calls);
            sample.CallsIntoFaulty = fleet.Ordered.Sum(c => c.CallsWhileFaulty);
            foreach (var fault in fleet.Ordered.SelectMany(c => c.Faults))
            {
                sample.Faults.Add((fault.Label, fault.Length.TotalMilliseconds, fault.CallsMet));
            }

            return sample;
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }

            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            if (unreachable is not null)
            {
                await unreachable.StopAsync(CancellationToken.None);
                await unreachable.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The strategies of Microsoft.Extensions.Http.Resilience's standard pipeline, outermost first, with its defaults
    /// (total 30 s; 3 retries, exponential from 2 s with jitter; breaker at 10 % failures over 30 s with at least 100
    /// calls, 5 s break), handling any exception as Polly's non-HTTP defaults do. The attempt timeout is the workload's
    /// call timeout (the standard 10 s would never fire on 20 ms calls), the same as the cluster arms get.
    /// </summary>
    private static ResiliencePipeline BuildPipeline(RecoveryArm arm, RecoveryBenchmarkSettings settings, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(settings.TotalTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(2),
            });
        if (arm == RecoveryArm.PollyStandard)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.1,
                MinimumThroughput = 100,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(5),
            });
        }

        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.OperationTimeout }).Build();
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(bool breakerCanOpen, (TimeSpan First, double Growth, TimeSpan Max)? openPeriods)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
            silo.Services.Configure<CircuitBreakerOptions>(o =>
            {
                if (!breakerCanOpen)
                {
                    o.FailureThreshold = UnreachableThreshold;
                }

                if (openPeriods is var (first, growth, max))
                {
                    (o.RecoveryTimeout, o.RecoveryTimeoutGrowth, o.MaxRecoveryTimeout) = (first, growth, max);
                }
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
