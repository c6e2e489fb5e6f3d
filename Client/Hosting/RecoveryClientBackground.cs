using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.Client.Measurement;
using RecoveryCluster.Client.Recovery;

namespace RecoveryCluster.Client.Hosting;

/// <summary>
/// The recovery client's periodic work: renewing the breaker subscriptions, sending batched successes, closed
/// stability windows and offline records. <see cref="RecoveryClientLifetime"/> starts it with the host; a client made
/// without a host starts it on its first call. It stops with the client.
/// </summary>
internal sealed partial class RecoveryClientBackground(
    IOptions<RecoveryClientOptions> options, CircuitGates gates, StabilityTracker stability, OfflineRecoveries offline,
    ClusterConnectionStatus connection, TimeProvider time, ILogger<RecoveryClient> logger)
{
    /// <summary>How often closed stability windows are looked for.</summary>
    private static readonly TimeSpan StabilityFlushInterval = TimeSpan.FromSeconds(1);

    private readonly RecoveryClientOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task _loops = Task.CompletedTask;
    private volatile bool _started;

    /// <summary>Starts the loops once; later calls (and calls after <see cref="StopAsync"/>) do nothing.</summary>
    public void Start()
    {
        if (_started)
        {
            return;
        }

        lock (_lock)
        {
            if (_started || _stopping.IsCancellationRequested)
            {
                return;
            }

            _loops = Task.WhenAll(
                RunEveryAsync(_options.ResubscribeInterval, gates.RenewAllAsync),
                RunEveryAsync(_options.SuccessFlushInterval, gates.FlushSuccessesAsync),
                RunEveryAsync(StabilityFlushInterval, FlushStabilityAsync),
                RunEveryAsync(_options.OfflineBuffer.SendInterval, SendOfflineAsync));
            _started = true;
        }
    }

    /// <summary>
    /// Back in touch with the cluster: the subscriptions are renewed (which restores the fleet's state) and the offline
    /// records are sent, off the connection's event.
    /// </summary>
    public void Reconnected() => _ = Task.Run(async () =>
    {
        try
        {
            await gates.RenewAllAsync().ConfigureAwait(false);
            await offline.SendAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The records stay; the send loop tries again.
            LogOfflineSendFailed(error);
        }
    });

    /// <summary>Stops the loops and waits for them. Idempotent.</summary>
    public async Task StopAsync()
    {
        lock (_lock)
        {
            _stopping.Cancel();
        }

        await _loops.ConfigureAwait(false);
    }

    private async Task FlushStabilityAsync()
    {
        if (stability.IsEmpty || !connection.IsConnected)
        {
            return;
        }

        try
        {
            await stability.FlushClosedAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            LogStabilityLost(error.Message);
        }
    }

    private async Task SendOfflineAsync()
    {
        if (offline.Count == 0)
        {
            return;
        }

        try
        {
            await offline.SendAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The records stay; the next tick tries again.
            LogOfflineSendFailed(error);
        }
    }

    private async Task RunEveryAsync(TimeSpan period, Func<Task> work)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await work().ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogBackgroundFailure(error);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A background task of the recovery client failed")]
    private partial void LogBackgroundFailure(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the offline recovery records failed; they are kept and sent again")]
    private partial void LogOfflineSendFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stability measurement could not be sent ({Reason})")]
    private partial void LogStabilityLost(string reason);
}
