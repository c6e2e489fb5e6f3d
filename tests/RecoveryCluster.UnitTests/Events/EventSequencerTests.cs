using Microsoft.Extensions.Time.Testing;
using RecoveryCluster.Events;

namespace RecoveryCluster.UnitTests.Events;

public sealed class EventSequencerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly EventSequencer _sequencer = new(TimeSpan.FromMilliseconds(250));

    [Fact]
    public void Events_in_order_pass_straight_through()
    {
        Assert.Empty(_sequencer.Start(1));
        Assert.Equal([1, 2, 3], Sequences(_sequencer.Accept(Batch(1, 2, 3), Now)));
        Assert.Equal([4], Sequences(_sequencer.Accept(Batch(4), Now)));
        Assert.Equal(0, _sequencer.Held);
    }

    [Fact]
    public void A_batch_that_overtakes_an_earlier_one_waits_for_it()
    {
        _sequencer.Start(17);
        Assert.Equal([17], Sequences(_sequencer.Accept(Batch(17), Now)));

        Assert.Empty(_sequencer.Accept(Batch(20, 21), Now));
        Assert.Equal(2, _sequencer.Held);

        Assert.Equal([18, 19, 20, 21], Sequences(_sequencer.Accept(Batch(18, 19), Now)));
        Assert.Equal(0, _sequencer.Held);
        Assert.Equal(0, _sequencer.GapsSkipped);
    }

    [Fact]
    public void A_gap_that_never_fills_is_skipped_after_the_wait_and_a_straggler_still_arrives()
    {
        _sequencer.Start(1);
        _sequencer.Accept(Batch(1), Now);
        Assert.Empty(_sequencer.Accept(Batch(4, 3), Now));

        _time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Empty(_sequencer.Expire(Now, _time));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([3, 4], Sequences(_sequencer.Expire(Now, _time)));
        Assert.Equal(1, _sequencer.GapsSkipped);

        // The lost batch turns up after all: late, delivered, and the count goes on from 5.
        Assert.Equal([2], Sequences(_sequencer.Accept(Batch(2), Now)));
        Assert.Equal([5], Sequences(_sequencer.Accept(Batch(5), Now)));
    }

    [Fact]
    public void A_restarted_hub_counting_from_one_again_is_followed_at_once()
    {
        _sequencer.Start(5000);
        _sequencer.Accept(Batch(5000, 5001), Now);

        Assert.Equal([1, 2], Sequences(_sequencer.Accept(Batch(1, 2), Now)));
        Assert.Empty(_sequencer.Accept(Batch(4), Now));
        Assert.Equal([3, 4], Sequences(_sequencer.Accept(Batch(3), Now)));
    }

    [Fact]
    public void Unstamped_events_are_not_held_and_a_full_hold_is_released()
    {
        var small = new EventSequencer(TimeSpan.FromSeconds(1), maxHeld: 2);
        small.Start(1);
        small.Accept(Batch(1), Now);
        Assert.Equal([0], Sequences(small.Accept(Batch(0), Now)));
        Assert.Empty(small.Accept(Batch(3, 4), Now));
        Assert.Equal([3, 4, 5], Sequences(small.Accept(Batch(5), Now)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventSequencer(TimeSpan.Zero));
    }

    [Fact]
    public void Events_that_arrive_before_the_subscription_answer_wait_for_it_and_come_out_in_order()
    {
        // The subscriber's first batches overtook each other and the hub's answer.
        Assert.Empty(_sequencer.Accept(Batch(20, 21), Now));
        Assert.Empty(_sequencer.Accept(Batch(16), Now));
        Assert.Empty(_sequencer.Accept(Batch(18, 19), Now));

        // Stamped before the subscription (16) comes first, as late; then the count from 18 on.
        Assert.Equal([16, 18, 19, 20, 21], Sequences(_sequencer.Start(18)));
        Assert.Empty(_sequencer.Start(3));
        Assert.Equal([22], Sequences(_sequencer.Accept(Batch(22), Now)));
    }

    [Fact]
    public void Without_an_answer_the_held_events_go_out_after_the_wait()
    {
        _sequencer.Accept(Batch(8, 7), Now);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal([7, 8], Sequences(_sequencer.Expire(Now, _time)));
        Assert.Equal([9], Sequences(_sequencer.Accept(Batch(9), Now)));
    }

    [Fact]
    public void A_renewal_answer_below_the_count_means_a_restarted_hub()
    {
        _sequencer.Start(40);
        _sequencer.Accept(Batch(40, 41), Now);
        Assert.Empty(_sequencer.Renewed(60));
        Assert.Empty(_sequencer.Accept(Batch(43), Now));

        Assert.Equal([43], Sequences(_sequencer.Renewed(3)));
        Assert.Empty(_sequencer.Accept(Batch(4), Now));
        Assert.Equal([3, 4], Sequences(_sequencer.Accept(Batch(3), Now)));
    }

    private long Now => _time.GetTimestamp();

    private static RecoveryEvent[] Batch(params long[] sequences) =>
        [.. sequences.Select(s => new RecoveryEvent(RecoveryEvent.NewId(), RecoveryEventKind.ErrorReported, DateTimeOffset.UnixEpoch, "c", Sequence: s))];

    private static long[] Sequences(IReadOnlyList<RecoveryEvent> events) => [.. events.Select(e => e.Sequence)];
}
