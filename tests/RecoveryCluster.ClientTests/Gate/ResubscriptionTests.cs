using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.ClientTests.Gate;

/// <summary>Stops a silo, so it runs on a cluster of its own.</summary>
public sealed class ResubscriptionTests : IClassFixture<ResubscriptionTests.OwnCluster>
{
    private readonly OwnCluster _fixture;

    public ResubscriptionTests(OwnCluster fixture) => _fixture = fixture;

    [Fact]
    public async Task A_subscription_lost_with_its_silo_is_renewed_and_pushes_resume()
    {
        // A short cluster call timeout: calls routed through the stopped silo's gateway give up quickly and the next renewal goes on.
        await using var client = _fixture.NewClient("resubscriber", o => o.ClusterCallTimeout = TimeSpan.FromSeconds(2));
        var victim = _fixture.Cluster.Silos[1];

        // A component whose breaker lives on the silo that will be stopped. Placement decides (and may favour one silo
        // until it has load figures from both), so warm new components in batches until one lands there.
        var management = _fixture.Client.GetGrain<IManagementGrain>(0);
        string? moved = null;
        var batch = 0;
        await Eventually.HoldsAsync(async () =>
        {
            var components = Enumerable.Range(0, 16).Select(i => Breakers.NewComponent($"resub{batch}-{i}")).ToArray();
            batch++;
            foreach (var component in components)
            {
                await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));
            }

            moved = (await management.GetDetailedGrainStatistics())
                .Where(s => s.GrainType.Contains("CircuitBreakerGrain", StringComparison.Ordinal) && s.SiloAddress.Equals(victim.SiloAddress))
                .Select(s => s.GrainId.Key.ToString())
                .FirstOrDefault(key => components.Contains(key));
            return moved is not null;
        }, "a breaker placed on the silo to be stopped", TimeSpan.FromSeconds(30));
        Assert.NotNull(moved);

        await _fixture.Cluster.StopSiloAsync(victim).WaitAsync(TimeSpan.FromMinutes(1));

        // The breaker comes back on the surviving silo; the client renews its subscription there.
        await Breakers.OpenAsync(_fixture.Client, moved);
        await Eventually.HoldsAsync(() => client.GetCircuitState(moved) == CircuitState.Open, "the reactivated breaker's open state to reach the client", TimeSpan.FromSeconds(30));

        await _fixture.Client.GetGrain<ICircuitBreakerGrain>(moved).ResetAsync();
        await Eventually.HoldsAsync(() => client.GetCircuitState(moved) == CircuitState.Closed, "the reset to reach the client", TimeSpan.FromSeconds(30));
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
