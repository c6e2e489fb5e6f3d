using System.Diagnostics;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Gate;
using Xunit.Abstractions;

namespace RecoveryCluster.ClientTests.Gate;

[Collection(ClientCollection.Name)]
public sealed class GateTests(ClientClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_closed_check_makes_no_grain_call_and_allocates_nothing()
    {
        await using var client = fixture.NewClient("gate-closed", o =>
        {
            // No background renewals or flushes during the measured loop.
            o.ResubscribeInterval = TimeSpan.FromMinutes(4);
            o.SuccessFlushInterval = TimeSpan.FromMinutes(4);
        });
        var component = Breakers.NewComponent("closed");
        await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));

        var before = fixture.Calls.Total;
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i, await client.ExecuteAsync(component, "Read", _ => Task.FromResult(i)));
        }

        Assert.Equal(before, fixture.Calls.Total);

        var gate = await client.GateAsync(component);
        CheckGate(client, gate, 1000);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        CheckGate(client, gate, 100_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);

        var watch = Stopwatch.StartNew();
        CheckGate(client, gate, 1_000_000);
        output.WriteLine($"closed gate check: {watch.Elapsed.TotalNanoseconds / 1_000_000:0.0} ns per call");

        // Whole-call overhead against the bare delegate (a rough figure for the notes; the benchmarks measure it properly).
        Func<CancellationToken, Task<int>> work = _ => Task.FromResult(1);
        watch.Restart();
        for (var i = 0; i < 100_000; i++)
        {
            await work(CancellationToken.None);
        }

        var bare = watch.Elapsed;
        watch.Restart();
        for (var i = 0; i < 100_000; i++)
        {
            await client.ExecuteAsync(component, "Read", work);
        }

        output.WriteLine($"ExecuteAsync, breaker closed: {watch.Elapsed.TotalNanoseconds / 100_000:0} ns per call; bare delegate {bare.TotalNanoseconds / 100_000:0} ns");
    }

    [Fact]
    public async Task An_unreachable_cluster_never_holds_an_operation_longer_than_the_cluster_call_timeout()
    {
        await using var client = fixture.NewClient("slow-cluster", o => o.ClusterCallTimeout = TimeSpan.FromMilliseconds(300));
        var component = Breakers.NewComponent("slow");
        using (fixture.Calls.Delay("Subscribe", TimeSpan.FromSeconds(5)))
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(5, await client.ExecuteAsync(component, "Read", _ => Task.FromResult(5)));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the operation waited {watch.Elapsed} on the cluster");
        }

        // The next renewal finds the cluster again.
        await Eventually.HoldsAsync(() => fixture.Calls.Count("SubscribeAsync") > 0 && client.GetCircuitState(component) == CircuitState.Closed, "a renewed subscription");
    }

    [Fact]
    public async Task An_open_circuit_fails_a_call_that_may_not_wait_fast_without_running_or_reporting_it()
    {
        await using var client = fixture.NewClient("gate-open", o =>
        {
            o.ResubscribeInterval = TimeSpan.FromMinutes(4);
            o.OpenCircuitWait = TimeSpan.Zero;
        });
        var component = Breakers.NewComponent("open");
        await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));

        await Breakers.OpenAsync(fixture.Client, component);
        await Eventually.HoldsAsync(() => client.GetCircuitState(component) == CircuitState.Open, "the open state pushed to the client");

        // The silo's clock is a test clock, so the client may find the probe due and ask for a permit; what must not
        // happen is the operation running or its failure being reported.
        int Asked() => fixture.Calls.Count("ReportAsync");
        var before = Asked();
        var ran = false;
        var error = await Assert.ThrowsAsync<CircuitOpenException>(() => client.ExecuteAsync(component, "Write", _ =>
        {
            ran = true;
            return Task.FromResult(1);
        }));

        Assert.False(ran);
        Assert.Equal(component, error.Component);
        Assert.False(error.IsLocal);
        Assert.NotNull(error.RetryAfter);
        Assert.Equal(before, Asked());
    }

    [Fact]
    public async Task A_call_held_at_an_open_circuit_makes_no_call_and_runs_once_the_cluster_closes_the_circuit()
    {
        await using var client = fixture.NewClient("gate-hold", o => o.ReleaseSpread = TimeSpan.Zero);
        var component = Breakers.NewComponent("hold");
        await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));
        await Breakers.OpenAsync(fixture.Client, component);
        await Eventually.HoldsAsync(() => client.GetCircuitState(component) == CircuitState.Open, "the open state pushed to the client");

        var runs = 0;
        var held = client.ExecuteAsync(component, "Write", _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(9);
        });

        // Held, not failed: a few of the client's re-checks pass without the operation running.
        await Task.WhenAny(held, Task.Delay(TimeSpan.FromMilliseconds(600)));
        Assert.False(held.IsCompleted, "the call ended while the circuit was open");
        Assert.Equal(0, Volatile.Read(ref runs));

        await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).ResetAsync();
        Assert.Equal(9, await held.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_recovery_plan_waits_while_the_circuit_is_open_and_runs_once_the_cluster_closes_it()
    {
        await using var client = fixture.NewClient("plan-hold", o => o.ReleaseSpread = TimeSpan.Zero);
        var component = Breakers.NewComponent("plan-hold");
        await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));

        // The first call fails while the fleet's breaker opens: the failure goes into recovery with the circuit open.
        var calls = 0;
        var operation = client.ExecuteAsync(component, "Load", async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Breakers.OpenAsync(fixture.Client, component);
                await Eventually.HoldsAsync(() => client.GetCircuitState(component) == CircuitState.Open, "the open state pushed to the client");
                throw new TimeoutException("the dependency timed out");
            }

            return 4;
        });

        // The plan is held: the operation is not called again while the circuit is open.
        await Eventually.HoldsAsync(() => fixture.Calls.Count("ReportAsync") > 0 && Volatile.Read(ref calls) == 1, "the failure reported");
        await Task.WhenAny(operation, Task.Delay(TimeSpan.FromMilliseconds(600)));
        Assert.False(operation.IsCompleted, "the recovery ended while the circuit was open");
        Assert.Equal(1, Volatile.Read(ref calls));

        await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).ResetAsync();
        Assert.Equal(4, await operation.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(calls >= 2);
    }

    [Fact]
    public async Task A_held_call_fails_with_the_open_circuit_once_its_wait_runs_out()
    {
        await using var client = fixture.NewClient("gate-wait-out");
        var component = Breakers.NewComponent("wait-out");
        await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));
        await Breakers.OpenAsync(fixture.Client, component);
        await Eventually.HoldsAsync(() => client.GetCircuitState(component) == CircuitState.Open, "the open state pushed to the client");

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CircuitOpenException>(() => client.ExecuteAsync(component, "Write", _ => Task.FromResult(1),
            new ExecuteOptions { OpenCircuitWait = TimeSpan.FromMilliseconds(400) }));
        Assert.False(error.IsLocal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Half_open_admits_at_most_the_cluster_wide_probe_permits_across_clients_and_their_successes_close_it()
    {
        var component = Breakers.NewComponent("probes");
        var clients = new[] { fixture.NewClient("probe-a"), fixture.NewClient("probe-b"), fixture.NewClient("probe-c") };
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            // Subscribed without a call: a batched success sent late would count as a probe success.
            foreach (var c in clients)
            {
                await c.GateAsync(component);
            }

            await Breakers.OpenAsync(fixture.Client, component);
            fixture.SiloTime.Advance(TimeSpan.FromSeconds(61));
            Assert.Equal(CircuitState.HalfOpen, (await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).GetSnapshotAsync()).State);
            await Eventually.HoldsAsync(() => clients.All(c => c.GetCircuitState(component) == CircuitState.HalfOpen), "every client to hear of half-open");

            var running = 0;
            Task<int> Probe(RecoveryClient c) => c.ExecuteAsync(component, "Probe", async _ =>
            {
                Interlocked.Increment(ref running);
                return await release.Task;
            });

            var first = Probe(clients[0]);
            var second = Probe(clients[1]);
            await Eventually.HoldsAsync(() => Volatile.Read(ref running) == 2, "two probes running");

            // The third probe must not wait on the release: if it were let through, the test fails here instead of hanging.
            var thirdRan = false;
            var refused = await Assert.ThrowsAsync<CircuitOpenException>(() => clients[2].ExecuteAsync(component, "Probe", _ =>
            {
                thirdRan = true;
                return Task.FromResult(0);
            }, new ExecuteOptions { OpenCircuitWait = TimeSpan.Zero }));
            Assert.Contains("probe permit", refused.Message, StringComparison.Ordinal);
            Assert.False(thirdRan);
            Assert.Equal(2, Volatile.Read(ref running));

            release.SetResult(7);
            Assert.Equal(7, await first.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(7, await second.WaitAsync(TimeSpan.FromSeconds(30)));
            await Eventually.HoldsAsync(() => clients.All(c => c.GetCircuitState(component) == CircuitState.Closed), "the probe successes to close the circuit for every client");
        }
        finally
        {
            release.TrySetResult(0);
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_worker_whose_own_calls_keep_failing_trips_its_local_breaker_but_not_the_cluster()
    {
        await using var client = fixture.NewClient("sick-worker", o =>
        {
            o.LocalBreaker = new LocalBreakerOptions { MinimumThroughput = 3, FailureRatio = 1.0 };
            o.OpenCircuitWait = TimeSpan.Zero;
        });
        var component = Breakers.NewComponent("local");
        var calls = 0;
        Task<int> Failing(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            throw new ArgumentException("validation failed: field 'amount' is not valid");
        }

        CircuitOpenException? local = null;
        for (var i = 0; i < 10 && local is null; i++)
        {
            try
            {
                await client.ExecuteAsync(component, "Validate", Failing);
            }
            catch (CircuitOpenException open)
            {
                local = open;
            }
            catch (Exception error) when (error is ArgumentException or RecoveryEscalatedException)
            {
                // Each failure goes through recovery and is passed on (or escalated); anything else fails the test.
            }
        }

        Assert.NotNull(local);
        Assert.True(local.IsLocal);
        Assert.Equal(CircuitState.Closed, (await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).GetSnapshotAsync()).State);
        Assert.True(calls >= 3);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_the_field_named()
    {
        await using var client = fixture.NewClient("bad-input");
        Assert.Equal("component", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("", "Op", _ => Task.FromResult(1)))).ParamName);
        Assert.Equal("component", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync(new string('c', 257), "Op", _ => Task.FromResult(1)))).ParamName);
        Assert.Equal("operation", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("c", " ", _ => Task.FromResult(1)))).ParamName);
        Assert.Equal("component", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("orders\u0000db", "Op", _ => Task.FromResult(1)))).ParamName);
        Assert.Equal("operation", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("c", "Save\u001b", _ => Task.FromResult(1)))).ParamName);
        Assert.Equal("action", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync<int>("c", "Op", null!))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            client.ExecuteAsync("c", "Op", _ => Task.FromResult(1), new ExecuteOptions { Timeout = TimeSpan.FromSeconds(-1) }))).ParamName);
    }

    private static void CheckGate(RecoveryClient client, ComponentGate gate, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var decision = client.EnterAsync(gate, CancellationToken.None);
            if (!decision.IsCompletedSuccessfully || decision.Result != GateDecision.Pass)
            {
                throw new InvalidOperationException("A closed gate must pass synchronously.");
            }
        }
    }
}
