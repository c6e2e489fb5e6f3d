using Polly;
using Polly.Telemetry;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Resilience;

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
