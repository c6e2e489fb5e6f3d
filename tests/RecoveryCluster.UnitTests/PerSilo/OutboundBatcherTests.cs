using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCluster.Grains.PerSilo;

namespace RecoveryCluster.UnitTests.PerSilo;

public sealed class OutboundBatcherTests
{
    /// <summary>Long enough that everything a test enqueues lands in one round.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly List<(string Destination, string[] Items)> _sent = [];

    [Fact]
    public async Task Items_gathered_in_one_interval_go_in_one_call_per_destination_in_the_order_given()
    {
        var batcher = Batcher(Record);
        foreach (var item in new[] { "a1", "b1", "a2", "a3", "b2" })
        {
            batcher.Enqueue(item[..1], item);
        }

        await batcher.FlushAsync();

        Assert.Equal(["a1", "a2", "a3"], Assert.Single(_sent, s => s.Destination == "a").Items);
        Assert.Equal(["b1", "b2"], Assert.Single(_sent, s => s.Destination == "b").Items);
        Assert.Equal((2, 5, 0), (batcher.SentBatches, batcher.SentItems, batcher.LostItems));
    }

    [Fact]
    public async Task Past_its_capacity_a_batcher_drops_and_counts_instead_of_growing()
    {
        var batcher = Batcher(Record, capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            batcher.Enqueue("a", $"item-{i}");
        }

        await batcher.FlushAsync();

        Assert.Equal(["item-0", "item-1", "item-2"], Assert.Single(_sent).Items);
        Assert.Equal(2, batcher.LostItems);
    }

    [Fact]
    public async Task A_failed_send_loses_its_batch_and_the_next_round_still_goes()
    {
        var failNext = true;
        var batcher = Batcher((destination, items) =>
        {
            if (failNext)
            {
                failNext = false;
                throw new TimeoutException("no answer");
            }

            return Record(destination, items);
        });

        batcher.Enqueue("a", "lost-1");
        batcher.Enqueue("a", "lost-2");
        await batcher.FlushAsync();
        batcher.Enqueue("a", "kept");
        await batcher.FlushAsync();

        Assert.Equal(["kept"], Assert.Single(_sent).Items);
        Assert.Equal((1, 2), (batcher.SentItems, batcher.LostItems));
    }

    [Fact]
    public async Task A_round_waits_for_the_previous_one_so_a_destination_sees_its_batches_in_order()
    {
        var firstSending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = Batcher(async (destination, items) =>
        {
            if (_sent.Count == 0 && items[0] == "first")
            {
                firstSending.SetResult();
                await releaseFirst.Task;
            }

            await Record(destination, items);
        });

        batcher.Enqueue("a", "first");
        await firstSending.Task;
        batcher.Enqueue("a", "second");
        var flushed = batcher.FlushAsync();
        Assert.False(flushed.IsCompleted);
        releaseFirst.SetResult();
        await flushed;

        Assert.Equal(["first", "second"], _sent.SelectMany(s => s.Items));
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task A_flush_sends_at_once_instead_of_waiting_out_the_interval()
    {
        var batcher = new OutboundBatcher<string>("test items", Record, TimeSpan.FromHours(1), 100, NullLogger.Instance);
        batcher.Enqueue("a", "listed");

        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["listed"], Assert.Single(_sent).Items);
    }

    [Fact]
    public void Flushing_with_nothing_pending_completes_at_once()
    {
        Assert.True(Batcher(Record).FlushAsync().IsCompleted);
    }

    private OutboundBatcher<string> Batcher(Func<string, IReadOnlyList<string>, Task> send, int capacity = 100) =>
        new("test items", send, Interval, capacity, NullLogger.Instance);

    private Task Record(string destination, IReadOnlyList<string> items)
    {
        lock (_sent)
        {
            _sent.Add((destination, [.. items]));
        }

        return Task.CompletedTask;
    }
}
