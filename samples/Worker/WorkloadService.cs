using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Connection;

namespace RecoveryCluster.Worker;

/// <summary>
/// Runs the demo fleet: this host's recovery client plus <see cref="WorkloadOptions.Workers"/> − 1 more, each with its
/// own worker id, prints progress while it runs and a summary at the end, then stops the host.
/// </summary>
public sealed class WorkloadService(
    IRecoveryClient client, IClusterClient cluster, ClusterConnectionStatus connection, SimulatedFleet fleet, IOptions<WorkloadOptions> options, IConfiguration configuration,
    ILoggerFactory logging, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var workload = new FleetWorkload(fleet, o, time);
        var others = Enumerable.Range(1, o.Workers - 1)
            .Select(i => FleetWorkers.Build(cluster, fleet, FleetWorkers.IdOf(client.WorkerId, i), configuration, logging: logging, connection: connection))
            .ToList();
        var clients = others.Select(p => p.GetRequiredService<IRecoveryClient>()).Prepend(client).ToList();
        foreach (var worker in clients)
        {
            worker.RecoveryFinished += workload.Stats.OnRecoveryFinished;
        }

        // Every worker hears every transition; one is enough to print and count them.
        client.CircuitChanged += workload.Stats.OnCircuitChanged;
        client.CircuitChanged += snapshot =>
        {
            // A breaker first heard of closed (its subscription) is no news.
            if (snapshot.Version > 0 || snapshot.State != CircuitBreaker.CircuitState.Closed)
            {
                Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():HH:mm:ss}  breaker {snapshot.Component} -> {snapshot.State}{(snapshot.LastFailure is { } why && snapshot.State == CircuitBreaker.CircuitState.Open ? $" ({why})" : string.Empty)}"));
            }
        };
        Console.WriteLine($"Fleet: {clients.Count} workers ({string.Join(", ", clients.Select(c => c.WorkerId))}), {o.Rate:0.#} operations/s each over {fleet.Ordered.Count} components, faults: {o.Faults.Model} model, seed {o.Seed}.");

        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var progress = PrintProgressAsync(workload.Stats, progressStop.Token);
        try
        {
            await workload.RunAsync([.. clients.Select(OperationOf)], stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await progressStop.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
            Console.WriteLine(workload.Stats.Summary());
            foreach (var other in others)
            {
                await other.DisposeAsync().ConfigureAwait(false);
            }
        }

        lifetime.StopApplication();
    }

    private Func<SimulatedComponent, long, CancellationToken, Task> OperationOf(IRecoveryClient worker) => (component, n, ct) =>
        worker.ExecuteAsync(component.Name, "Process", component.InvokeAsync, new ExecuteOptions
        {
            Timeout = options.Value.OperationTimeout,
            TaskIds = [string.Create(System.Globalization.CultureInfo.InvariantCulture, $"task-{n}")],
            IsCritical = component.Name.EndsWith("-db", StringComparison.Ordinal),
        }, ct);

    private async Task PrintProgressAsync(WorkloadStats stats, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProgressInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine(stats.Progress());
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }
}
