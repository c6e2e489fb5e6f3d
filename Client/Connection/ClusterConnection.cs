using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RecoveryCluster.Diagnostics;

namespace RecoveryCluster.Client.Connection;

/// <summary>
/// The worker's Orleans client, connected in the background so that the host never waits for the cluster: it runs in
/// a host of its own, started by this service without blocking the application's start (unless
/// <see cref="RecoveryClientOptions.WaitForClusterOnStart"/>), and reports its state through
/// <see cref="ClusterConnectionStatus"/>. After losing every gateway it probes the cluster until it answers again.
/// </summary>
internal sealed partial class ClusterConnection : IHostedService, IAsyncDisposable
{
    private readonly IHost _host;
    private readonly RecoveryClientOptions _options;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly ConnectionRetryFilter _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;
    private volatile bool _started;
    private int _disposed;

    public ClusterConnection(RecoveryClientOptions options, ClusterConnectionStatus status, ILoggerFactory logging, TimeProvider time)
    {
        _options = options;
        Status = status;
        _logger = logging.CreateLogger<ClusterConnection>();
        _time = time;
        _retry = new ConnectionRetryFilter(options.ConnectMaxDelay, time, _logger);
        _host = new HostBuilder()
            .ConfigureLogging(log =>
            {
                log.ClearProviders();
                log.AddProvider(new ForwardingLoggerProvider(logging));

                // While the first connection is tried, Orleans warns once per attempt; this service says it once. The
                // inner host's own lifetime messages describe an implementation detail and stay out.
                log.AddFilter((_, category, level) => category?.StartsWith("Microsoft", StringComparison.Ordinal) != true
                    && (level >= LogLevel.Error || status.IsConnected || category?.StartsWith("Orleans", StringComparison.Ordinal) != true));
            })
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, NoHostLifetime>())
            .UseOrleansClient(client =>
            {
                Configure(client, options);

                // Trace context rides along on cluster calls, so a recovery's spans on the silos join the worker's trace.
                client.AddActivityPropagation();

                // Gateways that all failed are tried again at the next list refresh (Orleans' default: a minute).
                client.Configure<GatewayOptions>(g => g.GatewayListRefreshPeriod = options.ConnectMaxDelay);
                client.Services.AddSingleton<IClientConnectionRetryFilter>(_retry);
                client.AddClusterConnectionLostHandler((_, _) => Lost());
                client.AddGatewayCountChangedHandler((_, e) =>
                {
                    if (_started && e.ConnectionRecovered && Status.Set(ClusterConnectionState.Connected))
                    {
                        LogReconnected();
                    }
                });
            })
            .Build();
        Client = _host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The Orleans client; its grain calls work once <see cref="Status"/> has been connected.</summary>
    public IClusterClient Client { get; }

    public ClusterConnectionStatus Status { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = ConnectAsync(_stopping.Token);
        if (!_options.WaitForClusterOnStart)
        {
            return;
        }

        await Task.WhenAny(_connecting, Task.Delay(_options.StartWaitTimeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Status.IsConnected)
        {
            LogStartedWithoutCluster(_options.StartWaitTimeout.TotalSeconds);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connecting.ConfigureAwait(false);
        try
        {
            await _host.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException || !_started)
        {
            // Stopped before it ever connected, or the host's stop timeout ran out: nothing is left to hand over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connecting.ConfigureAwait(false);
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Returns once connected: the retry filter keeps every failed attempt going until the host stops.
            await _host.StartAsync(cancellationToken).ConfigureAwait(false);
            _started = true;
            Status.Set(ClusterConnectionState.Connected);
            LogConnected(_retry.Failures + 1);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The host stopped before the cluster answered.
        }
        catch (Exception error)
        {
            // Not a connection failure (those are retried): a configuration the Orleans client refuses.
            LogConnectFailed(error);
        }
    }

    private void Lost()
    {
        if (_started && Status.Set(ClusterConnectionState.Disconnected))
        {
            LogLost();
            _ = ProbeUntilBackAsync(_stopping.Token);
        }
    }

    /// <summary>
    /// The Orleans client reconnects only when a message needs a gateway, and a worker that knows it is cut off sends
    /// none; so while disconnected a no-op call goes out with the same backoff as the first connection.
    /// </summary>
    private async Task ProbeUntilBackAsync(CancellationToken cancellationToken)
    {
        var ping = Client.GetGrain<IPingGrain>(0);
        for (var attempt = 1; Status.State == ClusterConnectionState.Disconnected; attempt++)
        {
            try
            {
                await Task.Delay(_retry.DelayBefore(attempt), _time, cancellationToken).ConfigureAwait(false);
                await ping.PingAsync(attempt).WaitAsync(ProbeTimeout, _time, cancellationToken).ConfigureAwait(false);
                if (Status.Set(ClusterConnectionState.Connected))
                {
                    LogReconnected();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (ClusterFailure.Is(error) || error is ObjectDisposedException)
            {
                // Still out of reach.
            }
        }
    }

    private static void Configure(IClientBuilder client, RecoveryClientOptions options)
    {
        if (options.Gateways.Count == 0)
        {
            client.UseLocalhostClustering(30000, options.ServiceId, options.ClusterId);
            return;
        }

        client.UseStaticClustering(options.Gateways.Select(g => GatewayAddress.TryParse(g, out var endpoint)
            ? endpoint
            : throw new Microsoft.Extensions.Options.OptionsValidationException(RecoveryClientOptions.Section, typeof(RecoveryClientOptions), [$"Gateway '{g}' is not host:port."])).ToArray());
        client.Configure<ClusterOptions>(c =>
        {
            c.ClusterId = options.ClusterId;
            c.ServiceId = options.ServiceId;
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the cluster (attempt {Attempt})")]
    private partial void LogConnected(int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost every gateway of the cluster; operations go on with local recovery while the cluster is probed")]
    private partial void LogLost();

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnected to the cluster")]
    private partial void LogReconnected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up waited {Seconds:0} s for the cluster and goes on without it; the connection is still tried in the background")]
    private partial void LogStartedWithoutCluster(double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Orleans client could not start; the worker runs without the cluster")]
    private partial void LogConnectFailed(Exception error);
}
