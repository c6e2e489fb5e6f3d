using System.Diagnostics.Metrics;
using RecoveryCluster.Client;
using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.ClientTests.Hedging;

/// <summary>Hedging through real clients: the policy from the cluster, Polly's hedging underneath, the delay learned by the fleet.</summary>
[Collection(ClientCollection.Name)]
public sealed class HedgingTests(ClientClusterFixture fixture)
{
    private static readonly HedgingPolicy Hedge50Ms = HedgingPolicy.Off with { Enabled = true, FixedDelay = TimeSpan.FromMilliseconds(50) };

    private Task SetAsync(string component, HedgingPolicy hedging, TimeSpan lease) =>
        fixture.Client.GetGrain<IComponentPolicyGrain>(component).SetAsync(
            ComponentPolicy.Default with { Hedging = hedging, Limit = FleetLimitPolicy.None with { LeaseDuration = lease } });

    /// <summary>An operation whose first copy hangs until cancelled and whose later copies answer at once.</summary>
    private sealed class SlowFirstCopy
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public bool FirstCancelled { get; private set; }

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) > 1)
            {
                return 42;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                FirstCancelled = true;
                throw;
            }

            return 0;
        }
    }

    [Fact]
    public async Task A_hedging_policy_reaches_a_worker_at_once_and_a_hedge_answers_an_idempotent_call_whose_first_copy_hangs()
    {
        var component = Breakers.NewComponent("hedged");
        await using var worker = fixture.NewClient("hedge-a");

        // The worker holds a lease from before hedging, renewed only every twelve seconds: the change has to be pushed.
        await SetAsync(component, HedgingPolicy.Off, TimeSpan.FromMinutes(1));
        await worker.ExecuteAsync(component, "Warm", _ => Task.FromResult(0));
        await SetAsync(component, Hedge50Ms, TimeSpan.FromMinutes(1));

        SlowFirstCopy? operation = null;
        await Eventually.HoldsAsync(async () =>
        {
            operation = new SlowFirstCopy();
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                return await worker.ExecuteAsync(component, "Read", operation.RunAsync, new ExecuteOptions { IsIdempotent = true }, giveUp.Token) == 42;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }, "an idempotent call answered by its hedge");

        Assert.Equal(2, operation!.Attempts);
        await Eventually.HoldsAsync(() => operation.FirstCancelled, "the losing first copy cancelled");
    }

    [Fact]
    public async Task A_hedged_copy_takes_a_permit_of_the_fleet_limit_share_and_does_not_start_without_one()
    {
        var component = Breakers.NewComponent("hedge-limited");
        var policies = fixture.Client.GetGrain<IComponentPolicyGrain>(component);
        var limitOf = (int concurrency) => ComponentPolicy.Default with
        {
            Hedging = Hedge50Ms,
            Limit = new FleetLimitPolicy(concurrency, null) with { LeaseDuration = TimeSpan.FromMinutes(1) },
        };
        await policies.SetAsync(limitOf(1));
        await using var worker = fixture.NewClient("hedge-limited");
        await worker.ExecuteAsync(component, "Warm", _ => Task.FromResult(0));
        var skipped = 0;
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "rc.client.hedges_skipped")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "rc.component" && Equals(tag.Value, component))
                {
                    Interlocked.Add(ref skipped, (int)value);
                }
            }
        });
        meter.Start();

        // A share of one: the first copy holds the only permit, so no hedge may start however long it runs.
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        var held = worker.ExecuteAsync(component, "Read", async ct =>
        {
            Interlocked.Increment(ref attempts);
            return await release.Task.WaitAsync(ct);
        }, new ExecuteOptions { IsIdempotent = true });
        await Eventually.HoldsAsync(() => Volatile.Read(ref skipped) >= 1, "a hedge refused for want of a permit");
        Assert.Equal(1, Volatile.Read(ref attempts));
        release.SetResult(7);
        Assert.Equal(7, await held);

        // A share of two: the hedge takes the second permit and answers.
        await policies.SetAsync(limitOf(2));
        await Eventually.HoldsAsync(() => worker.FleetLimits.LimitedOrNull(component)?.Lease?.Concurrency == 2, "the share of two pushed");
        var operation = new SlowFirstCopy();
        Assert.Equal(42, await worker.ExecuteAsync(component, "Read", operation.RunAsync, new ExecuteOptions { IsIdempotent = true }));
        Assert.Equal(2, operation.Attempts);
        await Eventually.HoldsAsync(() => worker.FleetLimits.LimitedOrNull(component)?.InFlight == 0, "both permits returned");
    }

    [Fact]
    public async Task A_call_not_marked_idempotent_is_never_hedged()
    {
        var component = Breakers.NewComponent("not-hedged");
        await SetAsync(component, Hedge50Ms, TimeSpan.FromSeconds(1));
        await using var worker = fixture.NewClient("hedge-b");
        var attempts = 0;

        var value = await worker.ExecuteAsync(component, "Write", async ct =>
        {
            Interlocked.Increment(ref attempts);
            await Task.Delay(300, ct);
            return 7;
        });

        Assert.Equal(7, value);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task The_fleet_learns_the_hedging_delay_from_every_workers_latencies()
    {
        var component = Breakers.NewComponent("learned");
        await SetAsync(component, HedgingPolicy.Off with { Enabled = true, MinDelay = TimeSpan.FromMilliseconds(1) }, TimeSpan.FromSeconds(1));
        await using var a = fixture.NewClient("learn-a");
        await using var b = fixture.NewClient("learn-b");
        var limit = fixture.Client.GetGrain<IFleetLimitGrain>(component);

        await Eventually.HoldsAsync(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, 5).SelectMany(_ => new[] { a, b }).Select(w => w.ExecuteAsync(component, "Read", async ct =>
            {
                await Task.Delay(40, ct);
                return 0;
            })));
            var status = await limit.GetStatusAsync();
            return status.HedgingDelays is { } delays && delays.ContainsKey("Read") && status.Leases.Count == 2;
        }, "a learned delay for 'Read' from both workers", TimeSpan.FromSeconds(20));

        // Both workers ran 40 ms calls: their p95, and so the fleet's, is 40 ms plus scheduling (and far below the 5 s maximum).
        var learned = (await limit.GetStatusAsync()).HedgingDelays!["Read"];
        Assert.InRange(learned, TimeSpan.FromMilliseconds(35), TimeSpan.FromMilliseconds(1000));
    }
}
