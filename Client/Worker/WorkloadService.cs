using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client;

namespace RecoveryCluster.Worker;

/// <summary>Runs the workload, prints progress while it runs and a summary at the end, then stops the host.</summary>
public sealed class WorkloadService(
    WorkloadRunner runner, RecoveryClient client, IOptions<WorkloadOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        client.CircuitChanged += snapshot => Console.WriteLine($"circuit {snapshot.Component} -> {snapshot.State}");
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var progress = PrintProgressAsync(progressStop.Token);
        try
        {
            await runner.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await progressStop.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
            Console.WriteLine(runner.Stats.Summary());
        }

        lifetime.StopApplication();
    }

    private async Task PrintProgressAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProgressInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine(runner.Stats.Progress());
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }
}
