using Polly;
using Polly.Fallback;
using RecoveryCluster.Client.FleetLimits;
using RecoveryCluster.Client.Resilience;
using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.ClientTests.Resilience;

/// <summary>Fleet limits and hedging as Polly strategies, through real clients and an in-process cluster.</summary>
[Collection(ClientCollection.Name)]
public sealed class PollyFleetStrategyTests(ClientClusterFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private Task SetAsync(string component, ComponentPolicy policy) =>
        fixture.Client.GetGrain<IComponentPolicyGrain>(component).SetAsync(policy);

    [Fact]
    public async Task A_pipeline_call_past_the_workers_share_is_refused_and_shares_one_share_with_ExecuteAsync()
    {
        var component = Breakers.NewComponent("polly-limited");
        await SetAsync(component, ComponentPolicy.Default with { Limit = new FleetLimitPolicy(2, null) with { LeaseDuration = Lease } });
        await using var worker = fixture.NewClient("polly-limited");
        var pipeline = new ResiliencePipelineBuilder<int>()
            .AddFallback(new FallbackStrategyOptions<int>
            {
                ShouldHandle = new PredicateBuilder<int>().Handle<ExecutionRejectedException>(),
                FallbackAction = _ => Outcome.FromResultAsValueTask(-1),
            })
            .AddClusterFleetLimit(worker, component)
            .Build();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        // One permit taken by ExecuteAsync, one by the pipeline: the share of two is spent for both kinds of call.
        var direct = worker.ExecuteAsync(component, "Read", _ => release.Task);
        var piped = pipeline.ExecuteAsync(async _ => await release.Task).AsTask();
        await Eventually.HoldsAsync(() => worker.FleetLimits.LimitedOrNull(component)?.InFlight == 2, "two calls in flight");

        Assert.Equal(-1, await pipeline.ExecuteAsync(_ => ValueTask.FromResult(5)));
        await Assert.ThrowsAsync<FleetLimitRejectedException>(() => worker.ExecuteAsync(component, "Read", _ => Task.FromResult(5)));
        release.SetResult(1);
        Assert.Equal(1, await direct);
        Assert.Equal(1, await piped);
        Assert.Equal(5, await pipeline.ExecuteAsync(_ => ValueTask.FromResult(5)));
        Assert.Equal(0, worker.FleetLimits.LimitedOrNull(component)!.InFlight);
    }

    [Fact]
    public async Task A_component_without_limits_passes_every_pipeline_call()
    {
        var component = Breakers.NewComponent("polly-unlimited");
        await using var worker = fixture.NewClient("polly-unlimited");
        var pipeline = new ResiliencePipelineBuilder().AddClusterFleetLimit(worker, component).Build();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 50).Select(_ => pipeline.ExecuteAsync(async _ => await release.Task).AsTask()).ToList();
        release.SetResult();

        await Task.WhenAll(calls);
        Assert.All(calls, c => Assert.True(c.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task The_hedging_strategy_follows_the_components_policy_and_its_copy_answers_when_the_first_hangs()
    {
        var component = Breakers.NewComponent("polly-hedged");
        await SetAsync(component, ComponentPolicy.Default with { Limit = FleetLimitPolicy.None with { LeaseDuration = Lease } });
        await using var worker = fixture.NewClient("polly-hedged");
        var pipeline = new ResiliencePipelineBuilder<int>().AddClusterHedging(worker, component, "Quote").Build();

        // Hedging off: one attempt, however slow.
        var offAttempts = 0;
        Assert.Equal(3, await pipeline.ExecuteAsync(async ct =>
        {
            Interlocked.Increment(ref offAttempts);
            await Task.Yield();
            return 3;
        }));
        Assert.Equal(1, offAttempts);

        await SetAsync(component, ComponentPolicy.Default with
        {
            Limit = FleetLimitPolicy.None with { LeaseDuration = Lease },
            Hedging = HedgingPolicy.Off with { Enabled = true, FixedDelay = TimeSpan.FromMilliseconds(50) },
        });
        var attempts = 0;
        var firstCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Eventually.HoldsAsync(async () =>
        {
            attempts = 0;
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                return await pipeline.ExecuteAsync(async ct =>
                {
                    if (Interlocked.Increment(ref attempts) > 1)
                    {
                        return 42;
                    }

                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                    }
                    catch (OperationCanceledException)
                    {
                        firstCancelled.TrySetResult();
                        throw;
                    }

                    return 0;
                }, giveUp.Token) == 42;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }, "a pipeline call answered by its hedge");

        Assert.Equal(2, attempts);
        await firstCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
