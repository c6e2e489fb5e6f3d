using Microsoft.Extensions.Logging;

namespace RecoveryCluster.Client.Connection;

/// <summary>Sends the Orleans client's logs (it runs in a host of its own) to the application's logging.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The application owns the target.
    }
}
