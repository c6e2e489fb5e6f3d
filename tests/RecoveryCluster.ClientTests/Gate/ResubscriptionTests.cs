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

        // Find components whose breakers live on the silo that will be stopped.
        var components = Enumerable.Range(0, 16).Select(i => Breakers.NewComponent($"resub{i}")).ToArray();
        foreach (var component in components)
        {
            await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));
        }

        var management = _fixture.Client.GetGrain<IManagementGrain>(0);
        var onVictim = (await management.GetDetailedGrainStatistics())
            .Where(s => s.GrainType.Contains("CircuitBreakerGrain", StringComparison.Ordinal) && s.SiloAddress.Equals(victim.SiloAddress))
            .Select(s => s.GrainId.Key.ToString())
            .Where(key => components.Contains(key))
            .ToArray();
        Assert.NotEmpty(onVictim);
        var moved = onVictim[0];

        await _fixture.Cluster.StopSiloAsync(victim).WaitAsync(TimeSpan.FromMinutes(1));

        // The breaker comes back on the surviving silo; the client renews its subscription there.
        await Breakers.OpenAsync(_fixture.Client, moved);
        await Eventually.HoldsAsync(() => client.GetCircuitState(moved) == CircuitState.Open, "the reactivated breaker's open state to reach the client", TimeSpan.FromSeconds(30));

        await _fixture.Client.GetGrain<ICircuitBreakerGrain>(moved).ResetAsync();
        await Eventually.HoldsAsync(() => client.GetCircuitState(moved) == CircuitState.Closed, "the reset to reach the client", TimeSpan.FromSeconds(30));
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
