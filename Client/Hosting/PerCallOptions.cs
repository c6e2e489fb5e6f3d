using Microsoft.Extensions.Options;

namespace RecoveryCluster.Client.Hosting;

/// <summary>
/// The client options a call reads when it runs (<c>DefaultOperationTimeout</c>, <c>OpenCircuitWait</c>,
/// <c>ReleaseSpread</c>): the container's current values, which reload with configuration, or those a client made by
/// hand was given. One source, so the call and its recovery never read different values.
/// </summary>
internal sealed class PerCallOptions(IOptions<RecoveryClientOptions> start, IOptionsMonitor<RecoveryClientOptions>? reloaded)
{
    public RecoveryClientOptions Current => reloaded?.CurrentValue ?? start.Value;
}
