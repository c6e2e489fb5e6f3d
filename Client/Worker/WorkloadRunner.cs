using Microsoft.Extensions.Options;
using RecoveryCluster.Client;

namespace RecoveryCluster.Worker;

/// <summary>Runs the demo workload through the recovery client: each operation may plant a fault, then calls its component.</summary>
public sealed class WorkloadRunner(RecoveryClient client, SimulatedFleet fleet, IOptions<WorkloadOptions> options)
{
    private readonly WorkloadOptions _options = options.Value;

    public WorkloadStats Stats { get; } = new();

    /// <summary>Runs <see cref="WorkloadOptions.Operations"/> operations (or until cancelled when 0).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var injector = new FailureInjector(_options.Seed, _options.FailureRate, _options.Kinds);
        var components = fleet.All.ToArray();
        long next = -1;
        var workers = Enumerable.Range(0, _options.Concurrency).Select(async _ =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                if (_options.Operations > 0 && n >= _options.Operations)
                {
                    return;
                }

                var component = components[n % components.Length];
                await RunOneAsync(component, injector, n, cancellationToken).ConfigureAwait(false);
            }
        });
        client.RecoveryFinished += Stats.OnRecoveryFinished;
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user.
        }
        finally
        {
            client.RecoveryFinished -= Stats.OnRecoveryFinished;
        }
    }

    private async Task RunOneAsync(SimulatedComponent component, FailureInjector injector, long n, CancellationToken cancellationToken)
    {
        if (component.IsHealthy && injector.Next(client.GetCircuitState(component.Name)) is { } fault)
        {
            component.Plant(fault);
            Stats.Planted();
        }

        var options = new ExecuteOptions
        {
            Timeout = TimeSpan.FromSeconds(5),
            TaskIds = [$"task-{n}"],
            IsCritical = component.Name.EndsWith("-db", StringComparison.Ordinal),
        };
        try
        {
            await client.ExecuteAsync(component.Name, "Process", component.InvokeAsync, options, cancellationToken).ConfigureAwait(false);
            Stats.Succeeded_();
        }
        catch (CircuitOpenException)
        {
            Stats.Rejected_();
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Stats.Failed_();
        }
    }
}
