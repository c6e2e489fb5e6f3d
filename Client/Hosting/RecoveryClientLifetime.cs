using Microsoft.Extensions.Hosting;

namespace RecoveryCluster.Client.Hosting;

/// <summary>Stops the recovery client while the Orleans client is still connected (hosted services stop in reverse order).</summary>
internal sealed class RecoveryClientLifetime(RecoveryClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => client.StopAsync().WaitAsync(cancellationToken);
}
