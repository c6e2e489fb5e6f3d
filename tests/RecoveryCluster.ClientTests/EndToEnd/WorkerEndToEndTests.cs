using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;
using RecoveryCluster.Worker;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.ClientTests.EndToEnd;

/// <summary>The demo worker's pieces against a cluster of its own, whose statistics start empty so exploration order is known.</summary>
public sealed class WorkerEndToEndTests(WorkerEndToEndTests.OwnCluster fixture) : IClassFixture<WorkerEndToEndTests.OwnCluster>
{
    [Fact]
    public async Task Injected_faults_recover_at_the_expected_levels_and_a_persistent_one_escalates()
    {
        var components = new[] { "e2e-cache", "e2e-render", "e2e-search" };
        await using var services = BuildWorker(components);
        var fleet = services.GetRequiredService<SimulatedFleet>();
        var client = services.GetRequiredService<RecoveryClient>();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkloadOptions>>().Value;
        var workload = new FleetWorkload(fleet, options, TimeProvider.System);
        client.RecoveryFinished += workload.Stats.OnRecoveryFinished;
        var finished = new List<RecoveryFinished>();
        client.RecoveryFinished += f =>
        {
            lock (finished)
            {
                finished.Add(f);
            }
        };

        // The count model: mild fails once and the level-1 retry works.
        var time = TimeProvider.System;
        fleet.Get("e2e-cache")!.Plant(new CountedFault(FailureKind.ConnectionFailure, FailureIntensity.Mild, CountedFault.FailuresFor(FailureIntensity.Mild), time));
        // Moderate: four failures outlast level 1's three retries; level 2 works.
        fleet.Get("e2e-render")!.Plant(new CountedFault(FailureKind.ResourceExhaustion, FailureIntensity.Moderate, CountedFault.FailuresFor(FailureIntensity.Moderate), time));
        // Persistent: an outage that no repair clears (the time model) walks all five levels and is escalated.
        fleet.Get("e2e-search")!.Plant(new TimedFault(FaultPattern.Outage, FailureKind.Timeout, FailureIntensity.Severe,
            new FaultOptions { SevereDuration = TimeSpan.FromMinutes(10) }, double.PositiveInfinity, seed: 1, time));

        await workload.RunAsync([(component, n, ct) => client.ExecuteAsync(component.Name, "Process", component.InvokeAsync, null, ct)], CancellationToken.None);

        Assert.Equal(3, workload.Stats.Operations);
        Assert.Equal(2, workload.Stats.Succeeded);
        Assert.Equal(1, workload.Stats.Failed);
        Assert.Equal(1, workload.Stats.RecoveredAt(1));
        Assert.Equal(1, workload.Stats.RecoveredAt(2));
        Assert.Equal(1, workload.Stats.Escalated);

        var escalated = Assert.Single(finished, f => f.Escalated);
        Assert.Equal("e2e-search", escalated.Component);
        Assert.Equal(5, escalated.Level);
        Assert.Equal(5, escalated.Attempts);
        var report = await fixture.Client.GetGrain<IErrorGrain>(escalated.ErrorId).GetReportAsync();
        Assert.Equal(ErrorStatus.Escalated, report!.Status);
        Assert.Equal(
            [RecoveryLevel.Basic, RecoveryLevel.Enhanced, RecoveryLevel.Component, RecoveryLevel.SystemComponent, RecoveryLevel.Critical],
            report.LevelHistory.Select(h => h.Level));
    }

    [Fact]
    public async Task The_demos_gpu_pattern_plans_error_correction_at_level_1_and_its_device_reset_recovers_the_call()
    {
        await using var services = BuildWorker(["e2e-gpu"]);
        var fleet = services.GetRequiredService<SimulatedFleet>();
        var client = services.GetRequiredService<RecoveryClient>();
        var plans = new List<RecoveryPlan>();
        using var _ = client.Hooks.OnPlan(p => plans.Add(p.Plan));

        // Four failures outlast level 1's retries; only the device reset clears the fault at once.
        fleet.Get("e2e-gpu")!.Plant(new CountedFault(FailureKind.GpuError, FailureIntensity.Moderate, CountedFault.FailuresFor(FailureIntensity.Moderate), TimeProvider.System));
        await client.ExecuteAsync("e2e-gpu", "Process", fleet.Get("e2e-gpu")!.InvokeAsync, null, CancellationToken.None);

        var plan = Assert.Single(plans);
        Assert.Equal((RecoveryLevel.Basic, StrategyIds.ErrorCorrection), (plan.Level, plan.StrategyId));
        Assert.StartsWith($"pattern '{GpuDeviceReset.PatternId}' prefers 'error-correction'", plan.Reason, StringComparison.Ordinal);
        Assert.True(fleet.Get("e2e-gpu")!.IsHealthy);
    }

    private ServiceProvider BuildWorker(string[] components)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Worker:Operations"] = components.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:Rate"] = "50",
            ["Worker:Faults:Rate"] = "0",
            ["Worker:OperationTime"] = "00:00:00.001",
        }.Concat(components.Select((c, i) => new KeyValuePair<string, string?>($"Worker:Components:{i}", c)))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IGrainFactory>(fixture.Client);
        services.AddRecoveryClient(o =>
        {
            o.WorkerId = "e2e-worker";
            o.ClusterCallTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddDemoWorkload();
        return services.BuildServiceProvider();
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
