using Microsoft.Extensions.Hosting;

namespace RecoveryCluster.Client.Hosting;

/// <summary>
/// Starts the recovery client's background work with the host, and stops the client while the Orleans client is still
/// connected (hosted services stop in reverse order).
/// </summary>
internal sealed class RecoveryClientLifetime(RecoveryClient client, RecoveryClientBackground background) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        background.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => client.StopAsync().WaitAsync(cancellationToken);
}
