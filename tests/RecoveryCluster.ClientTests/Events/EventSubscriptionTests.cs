using RecoveryCluster.Errors;
using RecoveryCluster.Events;

namespace RecoveryCluster.ClientTests.Events;

[Collection(ClientCollection.Name)]
public sealed class EventSubscriptionTests(ClientClusterFixture fixture)
{
    [Fact]
    public async Task A_subscriber_follows_one_error_from_report_to_resolution_in_order()
    {
        await using var client = fixture.NewClient("events-worker");
        var component = Breakers.NewComponent("events-api");
        using var subscription = await client.Events.SubscribeAsync(new RecoveryEventFilter(Component: component));

        var calls = 0;
        var value = await client.ExecuteAsync(component, "GetQuote",
            _ => Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("upstream timed out") : Task.FromResult(42));
        var events = await ReadUntilAsync(subscription, e => e.Kind == RecoveryEventKind.Resolved);

        Assert.Equal(42, value);
        Assert.Equal(
            [RecoveryEventKind.ErrorReported, RecoveryEventKind.PlanIssued, RecoveryEventKind.AttemptRecorded, RecoveryEventKind.Resolved],
            events.Select(e => e.Kind));
        var errorId = ErrorFingerprint.Compute(ErrorType.Timeout, component, "GetQuote", "upstream timed out");
        Assert.All(events, e =>
        {
            Assert.Equal(errorId, e.ErrorId);
            Assert.Equal(ErrorType.Timeout, e.ErrorType);
            Assert.Equal(component, e.Component);
        });
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "hub sequence numbers must rise");
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp), "timestamps must not go back");

        var (plan, attempt, resolved) = (events[1], events[2], events[3]);
        // Which level-1 strategy is planned depends on what the shared cluster learned; the attempt must name the plan's.
        Assert.Equal((1, RecoveryLevel.Basic), (plan.Attempt, plan.Level));
        Assert.False(string.IsNullOrEmpty(plan.StrategyId));
        Assert.Equal((1, RecoveryLevel.Basic, plan.StrategyId, true), (attempt.Attempt, attempt.Level, attempt.StrategyId, attempt.Success));
        Assert.NotNull(attempt.ExecutionTime);
        Assert.NotNull(attempt.DecisionMilliseconds);
        Assert.Equal(ErrorStatus.Resolved, resolved.Status);
        Assert.Equal(0, subscription.Dropped);
    }

    [Fact]
    public async Task A_subscriber_that_never_reads_loses_events_to_its_bound_and_recovery_goes_on()
    {
        await using var client = fixture.NewClient("slow-reader");
        var component = Breakers.NewComponent("slow-api");
        using var stalled = await client.Events.SubscribeAsync(new RecoveryEventFilter(Component: component), capacity: 2);
        using var reader = await client.Events.SubscribeAsync(new RecoveryEventFilter(Component: component, Kinds: new HashSet<RecoveryEventKind> { RecoveryEventKind.Resolved }));

        for (var i = 0; i < 5; i++)
        {
            var calls = 0;
            Assert.Equal(i, await client.ExecuteAsync(component, $"Op{i}", _ => Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("slow") : Task.FromResult(i)));
        }

        // Five recoveries of four events each: the reader saw every resolution while the stalled buffer kept two.
        for (var i = 0; i < 5; i++)
        {
            await ReadUntilAsync(reader, e => e.Kind == RecoveryEventKind.Resolved);
        }

        await Eventually.HoldsAsync(() => stalled.Dropped == 18, $"the stalled subscription drops 18 of 20 events (dropped {stalled.Dropped})");
        Assert.Equal(2, stalled.Reader.Count);
        Assert.True(client.Events.Dropped >= 18);
    }

    [Fact]
    public async Task A_disposed_subscription_is_released_and_a_bad_capacity_is_refused()
    {
        await using var client = fixture.NewClient("short-lived");
        var subscription = await client.Events.SubscribeAsync();
        Assert.Equal(1, client.Events.Subscribers);
        subscription.Dispose();
        Assert.Equal(0, client.Events.Subscribers);
        Assert.False(await subscription.Reader.WaitToReadAsync());

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Events.SubscribeAsync(capacity: 0));
        Assert.Equal("capacity", error.ParamName);
    }

    /// <summary>Reads events until one matches, with a deadline; returns all read, the match last.</summary>
    internal static async Task<List<RecoveryEvent>> ReadUntilAsync(RecoveryEventSubscription subscription, Func<RecoveryEvent, bool> last)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = new List<RecoveryEvent>();
        try
        {
            await foreach (var e in subscription.ReadAllAsync(deadline.Token))
            {
                read.Add(e);
                if (last(e))
                {
                    return read;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"Expected the closing event within 10 s; got {string.Join(", ", read.Select(e => e.Kind))}");
    }
}
