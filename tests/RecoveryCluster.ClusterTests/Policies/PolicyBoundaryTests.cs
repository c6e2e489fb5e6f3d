using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.ClusterTests.Policies;

/// <summary>The fleet limit and component policy grains refuse bad input themselves, naming the field, and change nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PolicyBoundaryTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_limit_grain_keyed_by_an_over_long_component_refuses_every_call()
    {
        var grain = Client.GetGrain<IFleetLimitGrain>(new string('c', 257));
        (await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.GetStatusAsync())).AssertNamesField("component");
    }

    [Fact]
    public async Task A_limit_grain_refuses_bad_lease_requests_and_grants_nothing()
    {
        var grain = Client.GetGrain<IFleetLimitGrain>(Failures.NewComponent("limited"));
        await grain.SetPolicyAsync(new FleetLimitPolicy(10, null));
        var good = LeaseRequest.First("worker-a");

        var bad = new (LeaseRequest Request, string Field)[]
        {
            (good with { WorkerId = " " }, "workerId"),
            (good with { ConcurrencyDemand = -1 }, "concurrencyDemand"),
            (good with { RateDemand = double.NaN }, "rateDemand"),
            (good with { Calls = 1, Failures = 2 }, "failures"),
            (good with { TotalLatency = TimeSpan.FromTicks(-1) }, "totalLatency"),
            (good with { HeldConcurrency = -1 }, "heldConcurrency"),
            (good with { Latencies = [new OperationLatency("", 1, TimeSpan.Zero)] }, "latencies.operation"),
            (good with { Latencies = [.. Enumerable.Range(0, 65).Select(i => new OperationLatency($"op{i}", 1, TimeSpan.Zero))] }, "latencies"),
        };
        foreach (var (request, field) in bad)
        {
            (await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.AcquireAsync(request))).AssertNamesField(field);
        }

        (await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.SetPolicyAsync(new FleetLimitPolicy(0, null)))).AssertNamesField("maxConcurrency");
        var status = await grain.GetStatusAsync();
        Assert.Empty(status.Leases);
        Assert.Equal(10, status.EffectiveConcurrency);
    }

    [Fact]
    public async Task A_component_policy_grain_refuses_a_bad_policy_and_keeps_the_stored_one()
    {
        var component = Failures.NewComponent("policy");
        var grain = Client.GetGrain<IComponentPolicyGrain>(component);
        var stored = await grain.SetAsync(ComponentPolicy.Default with { Limit = new FleetLimitPolicy(7, null) });
        Assert.Equal(1, stored.Version);

        (await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.SetAsync(ComponentPolicy.Default with { Hedging = HedgingPolicy.Off with { MaxHedgedAttempts = 0 } })))
            .AssertNamesField("hedging.maxHedgedAttempts");
        (await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.SetAsync(ComponentPolicy.Default with { Breaker = new BreakerSettings(FailureThreshold: 0) })))
            .AssertNamesField("breaker.failureThreshold");

        Assert.Equal(stored, await grain.GetAsync());
        Assert.Equal(7, (await Client.GetGrain<IFleetLimitGrain>(component).GetStatusAsync()).EffectiveConcurrency);
    }
}
