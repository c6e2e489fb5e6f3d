using System.Diagnostics;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.DurableTests;

/// <summary>
/// The worker never depends on the cluster: it starts without one, recovers alone while the cluster is out of reach,
/// and hands its records over when the cluster comes back. Silos are dev silo processes (in memory), killed for real.
/// </summary>
[Collection(DurableCollection.Name)]
public sealed class WorkerConnectionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    [Fact]
    public async Task A_worker_started_with_no_silo_runs_operations_at_once_and_connects_and_reports_within_30_seconds_of_a_silo_starting()
    {
        var clusterId = $"offline-{Guid.NewGuid():N}";
        var gatewayPort = FreePorts.Take(1)[0];
        var time = TimeProvider.System;
        await using var worker = WorkerHost.Create(clusterId, gatewayPort, "worker-cold");

        var starting = time.GetTimestamp();
        await worker.Host.StartAsync();
        Assert.True(time.GetElapsedTime(starting) < TimeSpan.FromSeconds(5), $"The host took {time.GetElapsedTime(starting)} to start.");
        Assert.Equal(ClusterConnectionState.Connecting, worker.Client.ConnectionState);

        for (var i = 0; i < 30; i++)
        {
            await worker.RunOperationAsync("orders-api");
        }

        Assert.True(time.GetElapsedTime(starting) < TimeSpan.FromSeconds(5), $"30 operations took until {time.GetElapsedTime(starting)} after start.");
        Assert.Equal((30, 0), (worker.Succeeded, worker.Failed));
        Assert.Equal(10, worker.LocalRecoveries);
        Assert.Equal(10, worker.Client.OfflineRecords.Waiting);

        await using var silo = SiloProcess.Start(string.Empty, clusterId, gatewayPort: gatewayPort);
        var siloStarted = time.GetTimestamp();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await Eventually.SucceedsAsync(
            () => Task.FromResult(worker.Client.ConnectionState == ClusterConnectionState.Connected && worker.Client.OfflineRecords.Waiting == 0 ? "" : null),
            TimeSpan.FromSeconds(30) - time.GetElapsedTime(siloStarted), "Connected, with every offline record sent, 30 s after the silo started");
        Assert.Equal((10L, 0L), (worker.Client.OfflineRecords.Sent, worker.Client.OfflineRecords.Dropped));

        await using var reader = await ClusterClient.ConnectAsync(clusterId, [silo]);
        var local = await LocalHistoryAsync(reader.Grains, "worker-cold");
        Assert.Equal(10, local.Count);
        Assert.Equal(10, local.Select(r => r.RecordId).Distinct().Count());
        Assert.All(local, r => Assert.Equal((RecoveryCluster.Strategies.StrategyIds.Retry, true), (r.StrategyId, r.Success)));

        // Connected, a failure goes to the cluster for its plan.
        for (var i = 0; i < 3; i++)
        {
            await worker.RunOperationAsync("orders-api");
        }

        Assert.Equal(1, worker.ClusterRecoveries);
    }

    [Fact]
    public async Task A_silo_killed_under_load_leaves_operations_running_with_local_recovery_and_the_records_reach_the_restarted_silo_once()
    {
        var clusterId = $"offline-{Guid.NewGuid():N}";
        var gatewayPort = FreePorts.Take(1)[0];
        var first = SiloProcess.Start(string.Empty, clusterId, gatewayPort: gatewayPort);
        await using var firstSilo = first;
        await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await using var worker = WorkerHost.Create(clusterId, gatewayPort, "worker-load");
        await worker.Host.StartAsync();
        await Eventually.SucceedsAsync(() => Task.FromResult(worker.Client.ConnectionState == ClusterConnectionState.Connected ? "" : null), TimeSpan.FromSeconds(30), "Connected");

        using var stop = new CancellationTokenSource();
        var load = worker.RunLoadAsync("payments-api", parallel: 4, stop.Token);
        await Eventually.SucceedsAsync(() => Task.FromResult(worker.ClusterRecoveries >= 5 ? "" : null), TimeSpan.FromSeconds(30), "5 recoveries by the cluster");

        Step("5 cluster recoveries");
        first.Kill();
        await Eventually.SucceedsAsync(() => Task.FromResult(worker.Client.ConnectionState == ClusterConnectionState.Disconnected ? "" : null), TimeSpan.FromSeconds(30), "The loss seen");
        Step("loss seen");
        var succeededAtLoss = worker.Succeeded;
        await Eventually.SucceedsAsync(() => Task.FromResult(worker.LocalRecoveries >= 20 ? "" : null), TimeSpan.FromSeconds(30), "20 local recoveries while the silo is down");
        Assert.True(worker.Succeeded > succeededAtLoss + 40, $"{worker.Succeeded - succeededAtLoss} operations succeeded while the silo was down.");

        Step("20 local recoveries");
        await using var second = SiloProcess.Start(string.Empty, clusterId, gatewayPort: gatewayPort);
        await second.WaitReadyAsync(TimeSpan.FromSeconds(60));
        Step("second silo ready");
        await Eventually.SucceedsAsync(
            () => Task.FromResult(worker.Client.ConnectionState == ClusterConnectionState.Connected && worker.Client.OfflineRecords.Waiting == 0 ? "" : null),
            TimeSpan.FromSeconds(60), "Reconnected, with every offline record sent");
        Step("reconnected and sent");
        await stop.CancelAsync();
        await load;
        Step("load stopped");

        var localEnds = worker.Finished.Where(f => f.Local).ToList();
        Assert.True(worker.Failed == 0, string.Join(Environment.NewLine, worker.Errors));
        Assert.Equal((localEnds.Count, 0L), (worker.Client.OfflineRecords.Sent, worker.Client.OfflineRecords.Dropped));
        await using var reader = await ClusterClient.ConnectAsync(clusterId, [second]);
        var local = await LocalHistoryAsync(reader.Grains, "worker-load");
        Assert.Equal(localEnds.Sum(f => f.Attempts), local.Count);
        Assert.Equal(local.Count, local.Select(r => r.RecordId).Distinct().Count());
        Step("checked");
    }

    [Theory]
    [InlineData("never connected")]
    [InlineData("connected")]
    [InlineData("connection lost")]
    public async Task Ctrl_C_stops_the_demo_worker_cleanly_whatever_its_connection(string state)
    {
        var clusterId = $"ctrlc-{Guid.NewGuid():N}";
        var gatewayPort = FreePorts.Take(1)[0];
        SiloProcess? silo = null;
        if (state != "never connected")
        {
            silo = SiloProcess.Start(string.Empty, clusterId, gatewayPort: gatewayPort);
            await silo.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }

        try
        {
            await using var worker = WorkerProcess.Start(clusterId, gatewayPort);
            var expected = state == "never connected" ? "The cluster is out of reach" : "Connected to the cluster";
            await Eventually.SucceedsAsync(() => Task.FromResult(worker.Printed(expected) && worker.Printed("ops ") ? "" : null), TimeSpan.FromSeconds(30), $"'{expected}' and progress");
            if (state == "connection lost")
            {
                silo!.Kill();
                await Eventually.SucceedsAsync(() => Task.FromResult(worker.Printed("Lost every gateway") ? "" : null), TimeSpan.FromSeconds(30), "the loss logged");
            }

            var exitCode = await worker.InterruptAsync();

            Assert.True(exitCode == 0, $"Exit code {exitCode}:{Environment.NewLine}{worker.Output}");
            Assert.True(worker.Printed("Workload summary"), worker.Output);
            Assert.False(worker.Printed("Unhandled exception"), worker.Output);
            Assert.False(worker.Printed("fail:") || worker.Printed("crit:"), worker.Output);
        }
        finally
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>The history rows of a worker's local attempts (attempt 0), every error type.</summary>
    private static async Task<List<RecoveryRecord>> LocalHistoryAsync(IGrainFactory grains, string workerId)
    {
        var rows = new List<RecoveryRecord>();
        foreach (var type in Enum.GetValues<ErrorType>())
        {
            var history = await grains.GetGrain<IRecoveryHistoryGrain>(type.ToName()).QueryAsync(new HistoryQuery(Limit: 10_000));
            rows.AddRange(history.Where(r => r.WorkerId == workerId && r.Attempt == 0));
        }

        return rows;
    }
}
