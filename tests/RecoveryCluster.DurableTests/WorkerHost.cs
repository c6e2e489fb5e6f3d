using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hosting;

namespace RecoveryCluster.DurableTests;

/// <summary>
/// A worker as an application builds it (<c>builder.AddRecoveryClient()</c>), in the test process, pointed at one
/// gateway port whether or not a silo listens there. It runs operations that fail once in every few calls, a fault a
/// retry recovers, and keeps every recovery's end.
/// </summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private long _operations;

    private WorkerHost(IHost host)
    {
        Host = host;
        Client = host.Services.GetRequiredService<RecoveryClient>();
        Client.RecoveryFinished += Finished.Enqueue;
    }

    public IHost Host { get; }

    public RecoveryClient Client { get; }

    public ConcurrentQueue<RecoveryFinished> Finished { get; } = new();

    /// <summary>What the failed operations threw, for failure messages.</summary>
    public ConcurrentQueue<Exception> Errors { get; } = new();

    public long Succeeded;

    public long Failed;

    public int LocalRecoveries => Finished.Count(f => f.Local && f.Resolved);

    public int ClusterRecoveries => Finished.Count(f => !f.Local && f.Resolved);

    public static WorkerHost Create(string clusterId, int gatewayPort, string workerId)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["RecoveryCluster:Client:Gateways:0"] = $"127.0.0.1:{gatewayPort}";
        builder.Configuration["RecoveryCluster:Client:ClusterId"] = clusterId;
        builder.Configuration["RecoveryCluster:Client:WorkerId"] = workerId;
        builder.Configuration["RecoveryCluster:Client:ConnectMaxDelay"] = "00:00:02";
        builder.AddRecoveryClient();
        return new WorkerHost(builder.Build());
    }

    /// <summary>One operation on <paramref name="component"/>; every <paramref name="failEvery"/>-th fails on its first call only.</summary>
    public async Task RunOperationAsync(string component, int failEvery = 3)
    {
        var n = Interlocked.Increment(ref _operations);
        var calls = 0;
        try
        {
            await Client.ExecuteAsync(component, "Fetch", _ => Interlocked.Increment(ref calls) == 1 && n % failEvery == 0
                ? Task.FromException<int>(new IOException($"connection reset by {component}"))
                : Task.FromResult(1), new ExecuteOptions { Timeout = TimeSpan.FromSeconds(2) });
            Interlocked.Increment(ref Succeeded);
        }
        catch (Exception error)
        {
            Errors.Enqueue(error);
            Interlocked.Increment(ref Failed);
        }
    }

    /// <summary>Runs operations, <paramref name="parallel"/> at a time, until stopped.</summary>
    public async Task RunLoadAsync(string component, int parallel, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                await RunOperationAsync(component);
                await Task.Delay(20, CancellationToken.None);
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
