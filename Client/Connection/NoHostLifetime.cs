using Microsoft.Extensions.Hosting;

namespace RecoveryCluster.Client.Connection;

/// <summary>
/// The lifetime of the Orleans client's inner host: none of its own. The application's host decides when it stops;
/// the default console lifetime would also catch Ctrl+C and cancel a connection attempt behind the application's back.
/// </summary>
internal sealed class NoHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
