using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Polly;
using Polly.Fallback;
using Polly.Telemetry;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Resilience;
using BrokenCircuitException = Polly.CircuitBreaker.BrokenCircuitException;

namespace RecoveryCluster.ClientTests.Resilience;

[Collection(ClientCollection.Name)]
public sealed class PollyIntegrationTests(ClientClusterFixture fixture)
{
    [Fact]
    public async Task A_pipeline_with_cluster_recovery_recovers_a_failing_call_and_reports_through_Polly_telemetry()
    {
        await using var client = fixture.NewClient("polly-recovery");
        var component = Breakers.NewComponent("polly-api");
        var events = new RecordingListener();
        var pipeline = new ResiliencePipelineBuilder<int>()
            .AddClusterRecovery(client, component, "GetQuote")
            .AddClusterCircuitBreaker(client, component)
            .ConfigureTelemetry(new TelemetryOptions { TelemetryListeners = { events } })
            .Build();

        var calls = 0;
        var value = await pipeline.ExecuteAsync(_ =>
        {
            // Fails twice (the call and the first retry), then works.
            if (Interlocked.Increment(ref calls) <= 2)
            {
                throw new TimeoutException("upstream timed out");
            }

            return ValueTask.FromResult(42);
        });

        Assert.Equal(42, value);
        Assert.Equal(3, calls);
        Assert.Contains("ClusterRecoveryStarted", events.Names);
        Assert.Contains("ClusterRecoverySucceeded", events.Names);
        Assert.Contains("ClusterFailureReported", events.Names);
    }

    [Fact]
    public async Task A_result_ShouldHandle_picks_goes_to_the_clusters_recovery_and_the_recovered_result_comes_back()
    {
        await using var client = fixture.NewClient("polly-result-recovery");
        var component = Breakers.NewComponent("polly-quotes");
        var pipeline = new ResiliencePipelineBuilder<int>()
            .AddClusterRecovery(client, new ClusterRecoveryStrategyOptions<int>
            {
                Component = component,
                Operation = "GetQuote",
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result == 503),
            })
            .Build();
        var finished = new List<RecoveryFinished>();
        client.RecoveryFinished += finished.Add;

        var calls = 0;
        var value = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Interlocked.Increment(ref calls) == 1 ? 503 : 200));

        // The 503 was recovered by the cluster's plan (a retry that called again), not passed through.
        Assert.Equal(200, value);
        Assert.Equal(2, calls);
        var recovery = Assert.Single(finished);
        Assert.True(recovery.Resolved);
        Assert.Equal(component, recovery.Component);

        // A result it does not pick is returned as it is, with no recovery.
        Assert.Equal(404, await pipeline.ExecuteAsync(_ => ValueTask.FromResult(404)));
        Assert.Single(finished);
    }

    [Fact]
    public async Task A_pipeline_with_the_cluster_breaker_refuses_calls_while_the_cluster_circuit_is_open()
    {
        await using var client = fixture.NewClient("polly-breaker");
        var component = Breakers.NewComponent("polly-db");
        var events = new RecordingListener();
        var pipeline = new ResiliencePipelineBuilder()
            .AddClusterCircuitBreaker(client, component)
            .ConfigureTelemetry(new TelemetryOptions { TelemetryListeners = { events } })
            .Build();
        await pipeline.ExecuteAsync(_ => ValueTask.CompletedTask);

        await Breakers.OpenAsync(fixture.Client, component);
        await Eventually.HoldsAsync(() => client.GetCircuitState(component) == CircuitState.Open, "the open state pushed to the client");

        var ran = false;
        await Assert.ThrowsAsync<CircuitOpenException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            ran = true;
            return ValueTask.CompletedTask;
        }));
        Assert.False(ran);
        Assert.Contains("ClusterCircuitRejected", events.Names);
    }

    [Fact]
    public async Task Results_the_pipeline_counts_as_failures_open_the_fleets_breaker_and_a_Polly_fallback_serves_the_next_worker()
    {
        var component = Breakers.NewComponent("quotes-http");
        await using var first = fixture.NewClient("polly-results-1");
        await using var second = fixture.NewClient("polly-results-2");
        await using var third = fixture.NewClient("polly-results-3");

        // As an HttpClient pipeline counts a 503: a returned value, not an exception.
        ResiliencePipeline<int> Pipeline(RecoveryClient client) => new ResiliencePipelineBuilder<int>()
            .AddClusterCircuitBreaker(client, new ClusterCircuitBreakerStrategyOptions<int>
            {
                Component = component,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result == 503),
            })
            .Build();
        var served = new ResiliencePipelineBuilder<int>()
            .AddFallback(new FallbackStrategyOptions<int>
            {
                ShouldHandle = new PredicateBuilder<int>().Handle<BrokenCircuitException>(),
                FallbackAction = _ => Outcome.FromResultAsValueTask(200),
            })
            .AddPipeline(Pipeline(third))
            .Build();
        Assert.Equal(200, await served.ExecuteAsync(_ => ValueTask.FromResult(200)));

        // Two workers, so the quorum of distinct reporters is met; each stops once its own calls are refused.
        var refused = 0;
        for (var i = 0; i < 10 && refused < 2; i++)
        {
            refused = 0;
            foreach (var worker in new[] { first, second })
            {
                try
                {
                    Assert.Equal(503, await Pipeline(worker).ExecuteAsync(_ => ValueTask.FromResult(503)));
                }
                catch (BrokenCircuitException)
                {
                    refused++;
                }
            }
        }

        await Eventually.HoldsAsync(() => third.GetCircuitState(component) == CircuitState.Open, "the third worker hears the breaker open");
        var ran = false;
        Assert.Equal(200, await served.ExecuteAsync(_ =>
        {
            ran = true;
            return ValueTask.FromResult(503);
        }));
        Assert.False(ran);
        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(async () => await Pipeline(third).ExecuteAsync(_ => ValueTask.FromResult(200)));
        Assert.IsAssignableFrom<BrokenCircuitException>(rejected);
        Assert.NotNull(rejected.RetryAfter);
        Assert.Equal(component, rejected.Component);
    }

    [Fact]
    public async Task Only_the_outcomes_ShouldHandle_picks_are_reported_to_the_cluster()
    {
        await using var client = fixture.NewClient("polly-should-handle");
        var component = Breakers.NewComponent("polly-parser");
        var pipeline = new ResiliencePipelineBuilder()
            .AddClusterCircuitBreaker(client, new ClusterCircuitBreakerStrategyOptions
            {
                Component = component,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutException),
            })
            .Build();
        var before = fixture.Calls.Count("RecordFailureAsync");

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<FormatException>(async () => await pipeline.ExecuteAsync(_ => throw new FormatException("bad input, not the component's fault")));
        }

        Assert.Equal(before, fixture.Calls.Count("RecordFailureAsync"));
        await Assert.ThrowsAsync<TimeoutException>(async () => await pipeline.ExecuteAsync(_ => throw new TimeoutException("parser timed out")));
        Assert.Equal(before + 1, fixture.Calls.Count("RecordFailureAsync"));
    }

    [Fact]
    public void Options_without_a_component_are_refused_when_the_pipeline_is_built()
    {
        var refused = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() =>
            new ResiliencePipelineBuilder().AddClusterCircuitBreaker(fixture.NewClient("polly-invalid"), new ClusterCircuitBreakerStrategyOptions()).Build());
        Assert.Contains("Component", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_transition_of_the_fleets_breaker_raises_its_callback_once_and_Pollys_event_under_Pollys_name()
    {
        await using var client = fixture.NewClient("polly-callbacks");
        var component = Breakers.NewComponent("polly-ledger");
        int opened = 0, halfOpened = 0, closed = 0;
        var provider = new ClusterCircuitStateProvider();
        var events = new ConcurrentQueue<string>();
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Polly" && instrument.Name == "resilience.polly.strategy.events")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<int>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "event.name" && tag.Value is string name)
                {
                    events.Enqueue(name);
                }
            }
        });
        meter.Start();
        var pipeline = new ResiliencePipelineBuilder()
            .AddClusterCircuitBreaker(client, new ClusterCircuitBreakerStrategyOptions
            {
                Component = component,
                StateProvider = provider,
                OnOpened = _ => { Interlocked.Increment(ref opened); return ValueTask.CompletedTask; },
                OnHalfOpened = _ => { Interlocked.Increment(ref halfOpened); return ValueTask.CompletedTask; },
                OnClosed = _ => { Interlocked.Increment(ref closed); return ValueTask.CompletedTask; },
            })
            .ConfigureTelemetry(new TelemetryOptions())
            .Build();
        await pipeline.ExecuteAsync(_ => ValueTask.CompletedTask);
        var breaker = fixture.Client.GetGrain<ICircuitBreakerGrain>(component);

        await Breakers.OpenAsync(fixture.Client, component);
        await Eventually.HoldsAsync(() => Volatile.Read(ref opened) == 1, "OnOpened");
        Assert.Equal(CircuitState.Open, provider.CircuitState);

        fixture.SiloTime.Advance(TimeSpan.FromMinutes(10));
        await breaker.GetSnapshotAsync();
        await Eventually.HoldsAsync(() => Volatile.Read(ref halfOpened) == 1, "OnHalfOpened");

        Assert.Equal(0, Volatile.Read(ref closed));
        await breaker.ResetAsync();
        await Eventually.HoldsAsync(() => Volatile.Read(ref closed) == 1, "OnClosed");
        Assert.Equal((1, 1, 1), (Volatile.Read(ref opened), Volatile.Read(ref halfOpened), Volatile.Read(ref closed)));
        Assert.Equal(CircuitState.Closed, provider.CircuitState);
        await Eventually.HoldsAsync(() => events.Contains("OnCircuitClosed"), "Polly's meter reports OnCircuitClosed");
        Assert.Contains("OnCircuitOpened", events);
        Assert.Contains("OnCircuitHalfOpened", events);
    }

    private sealed class RecordingListener : TelemetryListener
    {
        private readonly List<string> _names = [];

        public IReadOnlyList<string> Names
        {
            get
            {
                lock (_names)
                {
                    return [.. _names];
                }
            }
        }

        public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
        {
            lock (_names)
            {
                _names.Add(args.Event.EventName);
            }
        }
    }
}
