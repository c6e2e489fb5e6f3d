using System.Diagnostics;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.ClientTests.Strategies;
using Xunit.Abstractions;

namespace RecoveryCluster.ClientTests.Gate;

[Collection(ClientCollection.Name)]
public sealed class GateTests(ClientClusterFixture fixture, ITestOutputHelper output)
{
    /// <summary>How often a held call looks at its gate again (RecoveryClient.HoldRecheck) when nothing wakes it sooner.</summary>
    private static readonly TimeSpan HoldRecheck = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_completed_call_allocates_no_more_than_its_operation_timeout_and_result()
    {
        await using var client = fixture.NewClient("gate-alloc", o =>
        {
            o.ResubscribeInterval = TimeSpan.FromMinutes(4);
            o.SuccessFlushInterval = TimeSpan.FromMinutes(4);
        });
        var component = Breakers.NewComponent("alloc");
        var done = Task.FromResult<object?>("done");
        Func<CancellationToken, Task<object?>> work = _ => done;
        await client.ExecuteAsync(component, "Warm", work);
        const int Calls = 10_000;

        // What a call cannot avoid: its operation timeout (a linked source with CancelAfter) and the task of its result.
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            GC.KeepAlive(Task.FromResult<object?>("done"));
        }

        var timeoutBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Calls;
        for (var i = 0; i < 1000; i++)
        {
            await client.ExecuteAsync(component, "Read", work);
        }

        allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            var call = client.ExecuteAsync(component, "Read", work);
            Assert.True(call.IsCompletedSuccessfully);
        }

        var callBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Calls;
        output.WriteLine($"completed call: {callBytes:0.#} B; its timeout and result task alone: {timeoutBytes:0.#} B");

        // A closure allocated on entry for a path the call does not take (limits, hedging, recovery), or a second task
        // of the result, would add 32 B or more.
        Assert.True(callBytes <= timeoutBytes + 8, $"a completed call allocated {callBytes:0.#} B; its timeout and result task alone take {timeoutBytes:0.#} B");
    }

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
        // The cluster call timeout is the client's own timer, so it runs on a fake clock; 700 ms is a due time no other
        // client timer uses. The slow cluster itself (a real 5 s delay in the call filter) stays real.
        var callTimeout = TimeSpan.FromMilliseconds(700);
        var time = ClientTime();
        await using var client = fixture.NewClient("slow-cluster", time, o => o.ClusterCallTimeout = callTimeout);
        var component = Breakers.NewComponent("slow");
        using (fixture.Calls.Delay("Subscribe", TimeSpan.FromSeconds(5)))
        {
            var call = client.ExecuteAsync(component, "Read", _ => Task.FromResult(5));
            await Eventually.HoldsAsync(() => time.Delays.Contains(callTimeout), "the subscription's call timeout to start");
            Assert.False(call.IsCompleted, "the operation ran before the subscription answered or timed out");

            time.Advance(callTimeout);
            // Well inside the 5 s the cluster holds the subscription: only the timeout can have let the operation run.
            Assert.Equal(5, await call.WaitAsync(TimeSpan.FromSeconds(3)));
        }

        // The next renewal (a periodic timer on the client's clock) subscribes again: each poll moves the clock a period on.
        var subscribes = fixture.Calls.Count("SubscribeAsync");
        await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(200));
            return fixture.Calls.Count("SubscribeAsync") > subscribes && client.GetCircuitState(component) == CircuitState.Closed;
        }, "a renewed subscription");
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
        var time = ClientTime();
        await using var client = fixture.NewClient("gate-hold", time, o => o.ReleaseSpread = TimeSpan.Zero);
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

        // Held, not failed: three of the client's re-checks (on its fake clock) pass without the operation running.
        await AssertHeldThroughRechecksAsync(time, held, () => Volatile.Read(ref runs), expectedRuns: 0, "the call");

        await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).ResetAsync();
        Assert.Equal(9, await held.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_recovery_plan_waits_while_the_circuit_is_open_and_runs_once_the_cluster_closes_it()
    {
        var time = ClientTime();
        await using var client = fixture.NewClient("plan-hold", time, o => o.ReleaseSpread = TimeSpan.Zero);
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
        await AssertHeldThroughRechecksAsync(time, operation, () => Volatile.Read(ref calls), expectedRuns: 1, "the plan");

        await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).ResetAsync();
        Assert.Equal(4, await operation.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(calls >= 2);
    }

    [Fact]
    public async Task A_held_call_fails_with_the_open_circuit_once_its_wait_runs_out()
    {
        var time = ClientTime();
        await using var client = fixture.NewClient("gate-wait-out", time);
        var component = Breakers.NewComponent("wait-out");
        await client.ExecuteAsync(component, "Warm", _ => Task.FromResult(1));
        await Breakers.OpenAsync(fixture.Client, component);
        await Eventually.HoldsAsync(() => client.GetCircuitState(component) == CircuitState.Open, "the open state pushed to the client");

        var call = client.ExecuteAsync(component, "Write", _ => Task.FromResult(1), new ExecuteOptions { OpenCircuitWait = TimeSpan.FromMilliseconds(400) });

        // On the client's clock: one 250 ms re-check, then a last hold for the 150 ms left of the 400 ms wait, then the failure.
        await Eventually.HoldsAsync(() => time.Delays.Contains(HoldRecheck), "the first hold to start");
        Assert.False(call.IsCompleted, "the call ended before its wait ran out");
        time.Advance(HoldRecheck);
        var rest = TimeSpan.FromMilliseconds(150);
        await Eventually.HoldsAsync(() => time.Delays.Contains(rest), "the last hold, for what is left of the wait, to start");
        Assert.False(call.IsCompleted, "the call ended before its wait ran out");
        time.Advance(rest);

        var error = await Assert.ThrowsAsync<CircuitOpenException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(error.IsLocal);
        Assert.Equal(component, error.Component);
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
            // A window far longer than the first call's recovery (real strategy backoffs), so all three failures count.
            o.LocalBreaker = new LocalBreakerOptions { MinimumThroughput = 3, FailureRatio = 1.0, SamplingDuration = TimeSpan.FromMinutes(2) };
            o.OpenCircuitWait = TimeSpan.Zero;
        });
        var component = Breakers.NewComponent("local");
        var calls = 0;
        Task<int> Failing(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            throw new ArgumentException("validation failed: field 'amount' is not valid");
        }

        // Only the outcomes this feature allows are caught; anything else (or a success) fails the test at once.
        var thrown = new List<Exception>();
        var callsBefore = new List<int>();
        for (var i = 0; i < 10 && thrown.LastOrDefault() is not CircuitOpenException; i++)
        {
            callsBefore.Add(Volatile.Read(ref calls));
            try
            {
                await client.ExecuteAsync(component, "Validate", Failing);
                Assert.Fail("a call whose operation always fails succeeded");
            }
            catch (Exception error) when (error is ArgumentException or RecoveryEscalatedException or CircuitOpenException)
            {
                thrown.Add(error);
            }
        }

        // Only the first run of each call goes through the local breaker (recovery re-runs do not), so the fourth call
        // meets it open after three failures: the first call fails every level and escalates, the next two are held
        // by that escalation, and the fourth is refused locally without running.
        Assert.Equal(
            [typeof(RecoveryEscalatedException), typeof(RecoveryEscalatedException), typeof(RecoveryEscalatedException), typeof(CircuitOpenException)],
            thrown.Select(e => e.GetType()));
        var escalations = thrown.Take(3).Cast<RecoveryEscalatedException>().ToArray();
        Assert.Equal([false, true, true], escalations.Select(e => e.Held));
        Assert.All(escalations, e =>
        {
            Assert.Equal(component, e.Component);
            Assert.Equal(escalations[0].ErrorId, e.ErrorId);
            Assert.IsType<ArgumentException>(e.InnerException);
        });

        var local = (CircuitOpenException)thrown[3];
        Assert.True(local.IsLocal);
        Assert.Equal(component, local.Component);
        Assert.Equal(callsBefore[3], Volatile.Read(ref calls));
        Assert.Equal(CircuitState.Closed, (await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).GetSnapshotAsync()).State);
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

    /// <summary>
    /// A fake client clock that lists the timers set on it, started at the silos' clock so an open circuit's retry time
    /// (silo time) lies ahead of it and a hold waits its re-check.
    /// </summary>
    /// <summary>
    /// Three hold re-checks start and pass on the fake clock, and a fourth starts, while <paramref name="held"/> stays
    /// unfinished and the operation has run exactly <paramref name="expectedRuns"/> times.
    /// </summary>
    private static async Task AssertHeldThroughRechecksAsync(DelayRecordingTimeProvider time, Task held, Func<int> runs, int expectedRuns, string what)
    {
        for (var recheck = 1; recheck <= 4; recheck++)
        {
            await Eventually.HoldsAsync(() => time.Delays.Count(d => d == HoldRecheck) == recheck, $"{what}: hold re-check {recheck} to start");
            Assert.False(held.IsCompleted, $"{what} ended while the circuit was open");
            Assert.Equal(expectedRuns, runs());
            if (recheck < 4)
            {
                time.Advance(HoldRecheck);
            }
        }
    }

    private DelayRecordingTimeProvider ClientTime()
    {
        var time = new DelayRecordingTimeProvider();
        time.SetUtcNow(fixture.SiloTime.GetUtcNow());
        return time;
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
