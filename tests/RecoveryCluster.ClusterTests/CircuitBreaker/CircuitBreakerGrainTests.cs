using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.CircuitBreaker;

namespace RecoveryCluster.ClusterTests.CircuitBreaker;

[Collection(ClusterCollection.Name)]
public sealed class CircuitBreakerGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Opens_at_the_threshold_when_two_workers_report_the_failures()
    {
        var breaker = Client.Breaker(Failures.NewComponent("orders-db"));
        for (var i = 1; i <= 4; i++)
        {
            var verdict = await breaker.FailAsync(i % 2 == 0 ? "worker-a" : "worker-b");
            Assert.True(verdict.Counted);
            Assert.Equal(CircuitState.Closed, verdict.Circuit.State);
        }

        var fifth = await breaker.FailAsync("worker-a");
        Assert.Equal(CircuitState.Open, fifth.Circuit.State);
        Assert.Equal(fifth.Circuit.OpenedAt! + TimeSpan.FromSeconds(5), fifth.Circuit.RetryAfter);
    }

    [Fact]
    public async Task Stays_closed_when_one_worker_reports_every_failure()
    {
        var breaker = Client.Breaker(Failures.NewComponent("orders-db"));
        for (var i = 0; i < 20; i++)
        {
            await breaker.FailAsync("sick-worker");
        }

        var snapshot = await breaker.GetSnapshotAsync();
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(20, snapshot.CountedFailures);
        Assert.Equal(1, snapshot.DistinctReporters);
    }

    [Fact]
    public async Task Half_opens_after_the_recovery_timeout_closes_after_the_probe_successes_and_reopens_on_a_probe_failure()
    {
        var breaker = Client.Breaker(Failures.NewComponent("orders-db"));
        await OpenAsync(breaker);

        fixture.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(CircuitState.Open, (await breaker.GetSnapshotAsync()).State);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CircuitState.HalfOpen, (await breaker.GetSnapshotAsync()).State);

        // Two probes may run cluster-wide; a third caller is refused.
        Assert.True((await breaker.TryAcquireProbeAsync("worker-a")).Granted);
        Assert.True((await breaker.TryAcquireProbeAsync("worker-b")).Granted);
        Assert.False((await breaker.TryAcquireProbeAsync("worker-c")).Granted);

        Assert.Equal(CircuitState.HalfOpen, (await breaker.RecordProbeSuccessAsync("worker-a")).State);
        Assert.Equal(CircuitState.Closed, (await breaker.RecordProbeSuccessAsync("worker-b")).State);

        await OpenAsync(breaker);
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await breaker.TryAcquireProbeAsync("worker-a")).Granted);
        var probeFailure = await breaker.FailAsync("worker-a", ErrorSeverity.Low);
        Assert.Equal(CircuitState.HalfOpen, probeFailure.StateBefore);
        Assert.Equal(CircuitState.Open, probeFailure.Circuit.State);
    }

    [Fact]
    public async Task Isolated_mild_failures_are_not_counted_and_critical_ones_are()
    {
        var breaker = Client.Breaker(Failures.NewComponent("image-api"));
        var mild = new[]
        {
            await breaker.FailAsync("worker-a", ErrorSeverity.Low, ErrorType.Network),
            await breaker.FailAsync("worker-b", ErrorSeverity.Medium, ErrorType.Timeout),
            await breaker.FailAsync("worker-a", ErrorSeverity.Info, ErrorType.Database),
        };
        Assert.All(mild, v => Assert.False(v.Counted));
        Assert.Equal(0, (await breaker.GetSnapshotAsync()).CountedFailures);

        var critical = await breaker.FailAsync("worker-c", ErrorSeverity.Critical, ErrorType.Hardware);
        Assert.True(critical.Counted);
        Assert.Equal(1, critical.Circuit.CountedFailures);
    }

    [Fact]
    public async Task Every_transition_is_pushed_to_subscribers()
    {
        var breaker = Client.Breaker(Failures.NewComponent("mail"));
        var observer = new RecordingObserver();
        var reference = Client.CreateObjectReference<ICircuitObserver>(observer);
        var initial = await breaker.SubscribeAsync(reference);
        Assert.Equal(CircuitState.Closed, initial.State);

        await OpenAsync(breaker);
        Assert.Equal(CircuitState.Open, (await observer.NextAsync()).State);

        await breaker.IsolateAsync("maintenance window");
        var isolated = await observer.NextAsync();
        Assert.Equal(CircuitState.Isolated, isolated.State);
        Assert.Equal("maintenance window", isolated.LastFailure);

        await breaker.ResetAsync();
        var reset = await observer.NextAsync();
        Assert.Equal(CircuitState.Closed, reset.State);
        Assert.True(reset.Version > isolated.Version);

        await breaker.UnsubscribeAsync(reference);
        Client.DeleteObjectReference<ICircuitObserver>(reference);
    }

    private static async Task OpenAsync(ICircuitBreakerGrain breaker)
    {
        for (var i = 0; i < 5; i++)
        {
            await breaker.FailAsync(i % 2 == 0 ? "worker-a" : "worker-b");
        }

        Assert.Equal(CircuitState.Open, (await breaker.GetSnapshotAsync()).State);
    }

    [Fact]
    public async Task Every_silo_that_follows_a_breaker_hears_its_transitions_pushed_even_after_a_collection()
    {
        var component = Failures.NewComponent("pushed");
        var views = fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<SiloCircuitView>()).ToArray();
        await Task.WhenAll(views.Select(v => v.GetAsync(component).AsTask()));
        var before = views.Select(v => v.PushesHeard).ToArray();
        var breaker = Client.Breaker(component);
        await Eventually.HoldsAsync(async () =>
        {
            // The subscription is made in the background on first use; an isolate before it is not pushed, so repeat.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await breaker.IsolateAsync("push check");
            await breaker.ResetAsync();
            return views.Select((v, i) => v.PushesHeard > before[i]).All(heard => heard);
        }, "every silo hears the breaker's pushes");
    }

    private sealed class RecordingObserver : ICircuitObserver
    {
        private readonly Channel<CircuitSnapshot> _received = Channel.CreateUnbounded<CircuitSnapshot>();

        public void OnCircuitChanged(CircuitSnapshot snapshot) => _received.Writer.TryWrite(snapshot);

        public async Task<CircuitSnapshot> NextAsync()
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                return await _received.Reader.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No circuit transition was pushed to the subscriber within 10 s.");
            }
        }
    }

}
