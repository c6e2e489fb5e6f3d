using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.Offline;

/// <summary>A worker that cannot reach any silo still recovers with the strategy its matched error pattern names.</summary>
public sealed class LocalPatternRecoveryTests
{
    [Fact]
    public async Task Without_the_cluster_the_matched_patterns_strategy_runs_first_and_its_correction_rule_fixes_the_failure()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["RecoveryCluster:Client:Gateways:0"] = $"127.0.0.1:{UnusedPort()}";
        builder.Configuration["RecoveryCluster:Client:WorkerId"] = "local-pattern-worker";
        builder.Configuration["RecoveryCluster:Client:Patterns:0:Id"] = "schema-drift";
        builder.Configuration["RecoveryCluster:Client:Patterns:0:Regex"] = @"schema drift: column '\w+' is missing";
        builder.Configuration["RecoveryCluster:Client:Patterns:0:Type"] = "validation";
        builder.Configuration["RecoveryCluster:Client:Patterns:0:RecoveryStrategy"] = StrategyIds.ErrorCorrection;
        builder.AddRecoveryClient();
        var migrated = 0;
        builder.Services.AddErrorCorrection("schema-drift", (_, _) =>
        {
            Interlocked.Increment(ref migrated);
            return Task.FromResult(true);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<RecoveryClient>();
            var plans = new List<string>();
            using var _ = client.Hooks.OnPlan(p => plans.Add(p.Plan.StrategyId));
            var finished = new TaskCompletionSource<RecoveryFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.RecoveryFinished += f => finished.TrySetResult(f);

            // Fails until the column is migrated: retrying alone never fixes it, and the call has no fallback.
            var profile = await client.ExecuteAsync("profiles-db", "LoadProfile", _ =>
                Volatile.Read(ref migrated) > 0 ? Task.FromResult("profile 7") : throw new InvalidOperationException("schema drift: column 'nickname' is missing"));

            Assert.Equal("profile 7", profile);
            Assert.Equal(1, migrated);
            Assert.Equal([StrategyIds.ErrorCorrection], plans);
            var end = await finished.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(end.Local && end.Resolved, "a local recovery that resolved the failure");
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(timeout.Token);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
