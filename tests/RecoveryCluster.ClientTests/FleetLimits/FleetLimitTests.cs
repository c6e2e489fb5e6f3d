using RecoveryCluster.Client;
using RecoveryCluster.Client.FleetLimits;
using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.ClientTests.FleetLimits;

/// <summary>Fleet-wide limits through real clients and the limit grain of an in-process cluster.</summary>
[Collection(ClientCollection.Name)]
public sealed class FleetLimitTests(ClientClusterFixture fixture)
{
    /// <summary>Short leases so renewals (a fifth of a lease) come every 200 ms.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    private Task<FleetLimitStatus> SetAsync(string component, FleetLimitPolicy policy) =>
        fixture.Client.GetGrain<IFleetLimitGrain>(component).SetPolicyAsync(policy);

    private Task<FleetLimitStatus> StatusAsync(string component) => fixture.Client.GetGrain<IFleetLimitGrain>(component).GetStatusAsync();

    private async Task SharesAsync(string component, string expectation, Func<IReadOnlyList<LeaseHolder>, bool> holds) =>
        await Eventually.HoldsAsync(async () => holds((await StatusAsync(component)).Leases), expectation);

    [Fact]
    public async Task Two_workers_split_the_concurrency_limit_and_calls_past_it_are_refused_with_retry_after()
    {
        var component = Breakers.NewComponent("limited");
        await SetAsync(component, new FleetLimitPolicy(4, null) with { LeaseDuration = Lease });
        await using var a = fixture.NewClient("limit-a");
        await using var b = fixture.NewClient("limit-b");
        await a.ExecuteAsync(component, "Warm", _ => Task.FromResult(0));
        await Assert.ThrowsAsync<FleetLimitRejectedException>(() => b.ExecuteAsync(component, "Warm", _ => Task.FromResult(0)));
        await SharesAsync(component, "the limit split 2 + 2", l => l.Count == 2 && l.All(h => h.Concurrency == 2));

        // The book grants a share before the renewal's answer reaches its worker: wait until both enforce theirs.
        await Eventually.HoldsAsync(
            () => new[] { a, b }.All(w => w.FleetLimits.LimitedOrNull(component)?.Lease?.Concurrency == 2), "both workers holding their share of 2");

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var peak = 0;
        async Task<int> Hold(CancellationToken _)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await release.Task;
            Interlocked.Decrement(ref inFlight);
            return 1;
        }

        var calls = Enumerable.Range(0, 10).SelectMany(_ => new[] { a, b }).Select(c => c.ExecuteAsync(component, "Hold", Hold)).ToList();
        await Eventually.HoldsAsync(() => calls.Count(t => t.IsFaulted) == 16, "16 of the 20 calls refused");
        Assert.Equal(4, Volatile.Read(ref inFlight));
        release.SetResult();
        await Task.WhenAll(calls.Where(t => !t.IsFaulted));

        Assert.Equal(4, peak);
        var refusals = calls.Where(t => t.IsFaulted).Select(t => Assert.IsType<FleetLimitRejectedException>(t.Exception!.InnerException)).ToList();
        Assert.All(refusals, r =>
        {
            Assert.Equal(component, r.Component);
            Assert.Equal(FleetLimitKind.Concurrency, r.Kind);
            Assert.NotNull(r.RetryAfter);
        });
        Assert.Equal(CircuitBreaker.CircuitState.Closed, a.GetCircuitState(component));
    }

    [Fact]
    public async Task A_dead_workers_share_returns_when_its_lease_times_out()
    {
        var component = Breakers.NewComponent("ghost");
        var grain = fixture.Client.GetGrain<IFleetLimitGrain>(component);
        await SetAsync(component, new FleetLimitPolicy(3, null) with { LeaseDuration = Lease });

        // A worker that takes the whole limit and then dies: it never renews or releases.
        var ghost = await grain.AcquireAsync(new LeaseRequest("dead-worker", null, null, 100, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, ghost.Concurrency);
        await using var alive = fixture.NewClient("limit-alive");
        var refused = await Assert.ThrowsAsync<FleetLimitRejectedException>(() => alive.ExecuteAsync(component, "Read", _ => Task.FromResult(1)));
        Assert.Equal(FleetLimitKind.Concurrency, refused.Kind);

        fixture.SiloTime.Advance(Lease);

        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return await alive.ExecuteAsync(component, "Read", _ => Task.FromResult(1)) == 1;
            }
            catch (FleetLimitRejectedException)
            {
                return false;
            }
        }, "the live worker admitted once the dead one's lease ended");
        var holders = (await StatusAsync(component)).Leases;
        Assert.Equal(["limit-alive"], holders.Select(h => h.WorkerId));
        Assert.Equal(3, holders[0].Concurrency);
    }

    [Fact]
    public async Task A_policy_change_reaches_the_lease_holders_in_the_push_without_a_renewal()
    {
        var component = Breakers.NewComponent("pushed");

        // A five-minute lease: a renewal on schedule would come only after a minute, long after the deadline below.
        var lease = TimeSpan.FromMinutes(5);
        await SetAsync(component, new FleetLimitPolicy(10, null) with { LeaseDuration = lease });
        await using var worker = fixture.NewClient("limit-pushed");
        await worker.ExecuteAsync(component, "Warm", _ => Task.FromResult(0));
        await SharesAsync(component, "the whole limit leased", l => l.Count == 1 && l[0].Concurrency == 10);
        var renewals = new List<LimitLease>();
        worker.FleetLimits.LeaseApplied += l => { lock (renewals) { renewals.Add(l); } };

        var changed = await SetAsync(component, new FleetLimitPolicy(2, null) with { LeaseDuration = lease });

        await Eventually.HoldsAsync(() => { lock (renewals) { return renewals.Any(l => l.Version == changed.Version && l.Concurrency == 2); } }, "the new share pushed to the worker");
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Enumerable.Range(0, 2).Select(_ => worker.ExecuteAsync(component, "Hold", _ => release.Task)).ToList();
        await Assert.ThrowsAsync<FleetLimitRejectedException>(() => worker.ExecuteAsync(component, "Hold", _ => Task.FromResult(0)));
        release.SetResult(1);
        var results = await Task.WhenAll(held);
        Assert.Equal([1, 1], results);
        Assert.Equal(2, (await StatusAsync(component)).Leases.Single().Concurrency);
    }

    [Fact]
    public async Task Each_holder_is_pushed_its_own_share_of_the_new_limit()
    {
        var component = Breakers.NewComponent("reissued");
        var grain = fixture.Client.GetGrain<IFleetLimitGrain>(component);
        await SetAsync(component, new FleetLimitPolicy(100, 40) with { LeaseDuration = TimeSpan.FromMinutes(5) });
        var pushed = new Dictionary<string, TaskCompletionSource<LimitLease>>
        {
            ["holder-a"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["holder-b"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var observers = pushed.ToDictionary(p => p.Key, p => new PushedLeases(p.Value));
        var references = observers.ToDictionary(o => o.Key, o => fixture.Client.CreateObjectReference<IFleetLimitObserver>(o.Value));
        try
        {
            await grain.AcquireAsync(new LeaseRequest("holder-a", null, null, 30, 1, 0, 0, TimeSpan.Zero, references["holder-a"]));
            await grain.AcquireAsync(new LeaseRequest("holder-b", null, null, 10, 1, 0, 0, TimeSpan.Zero, references["holder-b"]));

            var changed = await SetAsync(component, new FleetLimitPolicy(20, 40) with { LeaseDuration = TimeSpan.FromMinutes(5) });

            var a = await pushed["holder-a"].Task.WaitAsync(TimeSpan.FromSeconds(30));
            var b = await pushed["holder-b"].Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal((changed.Version, 10, component), (a.Version, a.Concurrency!.Value, a.Component));
            Assert.Equal((changed.Version, 10), (b.Version, b.Concurrency!.Value));
            Assert.Equal(40, a.RatePerSecond!.Value + b.RatePerSecond!.Value, 6);
            Assert.Equal(20, (await StatusAsync(component)).Leases.Sum(h => h.Concurrency));
        }
        finally
        {
            foreach (var reference in references.Values)
            {
                fixture.Client.DeleteObjectReference<IFleetLimitObserver>(reference);
            }
        }
    }

    private sealed class PushedLeases(TaskCompletionSource<LimitLease> received) : IFleetLimitObserver
    {
        public void OnLeaseChanged(LimitLease lease) => received.TrySetResult(lease);
    }

    [Fact]
    public async Task The_fleet_rate_limit_holds_across_two_workers()
    {
        var component = Breakers.NewComponent("rate");
        await SetAsync(component, new FleetLimitPolicy(null, 100) with { LeaseDuration = Lease });
        await using var a = fixture.NewClient("rate-a");
        await using var b = fixture.NewClient("rate-b");
        await Swallow(a.ExecuteAsync(component, "Warm", _ => Task.FromResult(0)));
        await Swallow(b.ExecuteAsync(component, "Warm", _ => Task.FromResult(0)));
        await SharesAsync(component, "the rate split in two", l => l.Count == 2 && l.All(h => Math.Abs((h.RatePerSecond ?? 0) - 50) < 1));

        var admitted = 0;
        var refused = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        async Task Push(RecoveryClient client)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await client.ExecuteAsync(component, "Write", _ => Task.FromResult(0));
                    Interlocked.Increment(ref admitted);
                }
                catch (FleetLimitRejectedException rejected)
                {
                    Assert.Equal(FleetLimitKind.Rate, rejected.Kind);
                    Interlocked.Increment(ref refused);
                    await Task.Delay(rejected.RetryAfter ?? TimeSpan.FromMilliseconds(5));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { Push(a), Push(b) }));

        // Two seconds at 100 calls/s, plus at most one refill per worker that was full when the window began (the lower
        // bound is loose: on a loaded machine the pushers themselves may not keep up).
        Assert.InRange(admitted, 60, 222);
        Assert.True(refused > 0, "nobody was refused");
    }

    [Fact]
    public async Task The_adaptive_limit_shrinks_when_calls_run_slow_and_says_why()
    {
        var component = Breakers.NewComponent("adaptive");
        await SetAsync(component, new FleetLimitPolicy(40, null) with
        {
            LeaseDuration = Lease,
            Adaptive = FleetLimitAdaptiveMode.Aimd,
            LatencyTarget = TimeSpan.FromMilliseconds(1),
        });
        await using var worker = fixture.NewClient("limit-adaptive");

        await Eventually.HoldsAsync(async () =>
        {
            // The grain judges once per renewal period of the silos' clock, which this fixture moves by hand.
            fixture.SiloTime.Advance(Lease / 4);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Swallow(worker.ExecuteAsync(component, "Slow", async ct =>
            {
                await Task.Delay(20, ct);
                return 0;
            }))));
            return (await StatusAsync(component)).EffectiveConcurrency < 40;
        }, "the adaptive limit below the configured 40");

        var status = await StatusAsync(component);
        Assert.True(status.Scale < 1);
        Assert.StartsWith("decreased", status.LastAdjustment, StringComparison.Ordinal);
        Assert.Equal(40, status.Policy.MaxConcurrency);
    }

    private static async Task Swallow(Task call)
    {
        try
        {
            await call;
        }
        catch (FleetLimitRejectedException)
        {
            // The shrinking limit refuses some of them; that is the point.
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
