using RecoveryCluster.Logging;

namespace RecoveryCluster.Silo.Security;

/// <summary>
/// The silo's one throttle for "unknown API key" warnings: anyone can send guessed keys, so the log gets one line per
/// 10 s with a count, and <c>rc.api.refusals</c> counts each one.
/// </summary>
public sealed class RefusalLogThrottle
{
    public LogThrottle Throttle { get; } = new(TimeSpan.FromSeconds(10), TimeProvider.System);
}
