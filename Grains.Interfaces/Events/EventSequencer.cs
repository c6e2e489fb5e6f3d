namespace RecoveryCluster.Events;

/// <summary>
/// Puts the hub's events back in the order the hub numbered them. Orleans does not keep one-way messages in order,
/// so a later batch can reach a process before an earlier one; an event that arrives ahead of a gap is held until the
/// gap fills or it has waited <see cref="MaxHold"/> (the missing batch was lost), then everything held goes out in order.
/// Not thread-safe: the feed calls it under its lock.
/// </summary>
public sealed class EventSequencer(TimeSpan maxHold, int maxHeld = 10_000)
{
    /// <summary>A sequence this far below the next expected one means the hub restarted and counts from 1 again.</summary>
    public const long RestartDistance = 1_000;

    private readonly SortedDictionary<long, RecoveryEvent> _held = [];
    private long _next;
    private long _heldSince;

    /// <summary>How long an event waits for the ones numbered before it.</summary>
    public TimeSpan MaxHold { get; } = maxHold > TimeSpan.Zero ? maxHold : throw new ArgumentOutOfRangeException(nameof(maxHold), maxHold, "'maxHold' must be positive.");

    /// <summary>Events waiting for a gap to fill.</summary>
    public int Held => _held.Count;

    /// <summary>Gaps given up on (their events never came).</summary>
    public long GapsSkipped { get; private set; }

    /// <summary>Takes arriving events; returns those now in order, to deliver in the order returned.</summary>
    /// <param name="now">A timestamp of <see cref="TimeProvider.GetTimestamp"/>.</param>
    public IReadOnlyList<RecoveryEvent> Accept(IReadOnlyList<RecoveryEvent> events, long now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ready = new List<RecoveryEvent>(events.Count);
        foreach (var e in events)
        {
            if (e.Sequence <= 0)
            {
                ready.Add(e);
            }
            else if (_next == 0 || _next - e.Sequence > RestartDistance)
            {
                // The first event this process sees, or a restarted hub: the count starts here.
                ReleaseAll(ready);
                _next = e.Sequence + 1;
                ready.Add(e);
            }
            else if (e.Sequence < _next)
            {
                // Behind a gap already given up on: late, but not lost.
                ready.Add(e);
            }
            else if (e.Sequence == _next)
            {
                _next++;
                ready.Add(e);
            }
            else
            {
                if (_held.Count == 0)
                {
                    _heldSince = now;
                }

                _held.TryAdd(e.Sequence, e);
            }

            ReleaseInOrder(ready);
        }

        if (_held.Count > maxHeld)
        {
            ReleaseAll(ready);
        }

        return ready;
    }

    /// <summary>Releases held events whose wait is over; returns them in order.</summary>
    public IReadOnlyList<RecoveryEvent> Expire(long now, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var ready = new List<RecoveryEvent>();
        if (_held.Count > 0 && time.GetElapsedTime(_heldSince, now) >= MaxHold)
        {
            ReleaseAll(ready);
        }

        return ready;
    }

    private void ReleaseInOrder(List<RecoveryEvent> ready)
    {
        while (_held.Remove(_next, out var e))
        {
            ready.Add(e);
            _next++;
        }
    }

    private void ReleaseAll(List<RecoveryEvent> ready)
    {
        if (_held.Count == 0)
        {
            return;
        }

        GapsSkipped++;
        foreach (var e in _held.Values)
        {
            ready.Add(e);
            _next = e.Sequence + 1;
        }

        _held.Clear();
    }
}
