using Microsoft.Extensions.Logging;
using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.Client.Connection;

/// <summary>
/// Keeps the first connection trying until it succeeds or the host stops: exponential backoff from 0.5 s up to the
/// configured maximum, ±25 % jitter (so a fleet restarted together does not knock in step). It logs the first failure
/// only; Orleans' own per-attempt warnings are held back while not connected.
/// </summary>
internal sealed partial class ConnectionRetryFilter(TimeSpan maxDelay, TimeProvider time, ILogger logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private int _failures;

    /// <summary>Failed attempts so far.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var failures = Interlocked.Increment(ref _failures);
        if (failures == 1)
        {
            LogUnreachable(exception.GetType().Name, exception.Message);
        }

        await Task.Delay(DelayBefore(failures), time, cancellationToken).ConfigureAwait(false);
        return !cancellationToken.IsCancellationRequested;
    }

    /// <summary>The pause before try <paramref name="attempt"/> + 1: exponential, capped, jittered.</summary>
    public TimeSpan DelayBefore(int attempt) =>
        BackoffDelay.Compute(Math.Clamp(attempt, 1, 30), FirstDelay, 2, maxDelay, Random.Shared.NextDouble() * 2 - 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster is out of reach ({Error}: {Reason}); operations run with local recovery while the connection is tried in the background")]
    private partial void LogUnreachable(string error, string reason);
}
