using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Worker;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.ClientTests.EndToEnd;

/// <summary>The demo's fleet: several workers share the components, so one outage meets the breaker's quorum and opens it.</summary>
public sealed class DemoFleetTests(DemoFleetTests.OwnCluster fixture) : IClassFixture<DemoFleetTests.OwnCluster>
{
    [Fact]
    public async Task Three_workers_sharing_a_component_in_an_outage_open_its_breaker_for_the_whole_fleet()
    {
        var options = new WorkloadOptions
        {
            Workers = 3,
            Rate = 40,
            Duration = TimeSpan.FromSeconds(2),
            OperationTime = TimeSpan.FromMilliseconds(2),
            Components = [$"fleet-a-{Guid.NewGuid():N}", $"fleet-b-{Guid.NewGuid():N}"],
            Faults = new FaultOptions { Rate = 0 },
        };
        var fleet = new SimulatedFleet(Options.Create(options), TimeProvider.System);
        var sick = fleet.Ordered[0];
        sick.Plant(new TimedFault(FaultPattern.Outage, FailureKind.ApiError, FailureIntensity.Severe, new FaultOptions { SevereDuration = TimeSpan.FromMinutes(5) },
            double.PositiveInfinity, seed: 1, TimeProvider.System));
        var providers = Enumerable.Range(0, options.Workers)
            .Select(i => FleetWorkers.Build(fixture.Client, fleet, FleetWorkers.IdOf("fleet-worker", i), configure: o => o.OpenCircuitWait = TimeSpan.FromMilliseconds(500)))
            .ToList();
        try
        {
            var clients = providers.Select(p => p.GetRequiredService<RecoveryClient>()).ToList();
            var workload = new FleetWorkload(fleet, options, TimeProvider.System);
            clients[0].CircuitChanged += workload.Stats.OnCircuitChanged;

            await workload.RunAsync([.. clients.Select(c => (Func<SimulatedComponent, long, CancellationToken, Task>)((component, _, ct) =>
                c.ExecuteAsync(component.Name, "Process", component.InvokeAsync, new ExecuteOptions { Timeout = TimeSpan.FromSeconds(1) }, ct)))], CancellationToken.None);

            Assert.Equal(CircuitState.Open, (await fixture.Client.GetGrain<ICircuitBreakerGrain>(sick.Name).GetSnapshotAsync()).State);
            Assert.True(workload.Stats.BreakerOpenings >= 1, "no worker heard the breaker open");
            Assert.True(workload.Stats.Rejected > 0, "no call was held back by the open breaker");
            Assert.Equal(CircuitState.Closed, (await fixture.Client.GetGrain<ICircuitBreakerGrain>(fleet.Ordered[1].Name).GetSnapshotAsync()).State);

            // Once open, the fleet stopped calling the sick component: far fewer calls reached it than operations were meant for it.
            var meantForIt = workload.Stats.Operations / 2;
            Assert.True(sick.CallsWhileFaulty < meantForIt, $"{sick.CallsWhileFaulty} calls reached the sick component for {meantForIt} operations");
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
