namespace RecoveryCluster.Events;

/// <summary>
/// Puts the hub's events back in the order the hub numbered them. Orleans does not keep one-way messages in order,
/// so a later batch can reach a process before an earlier one; an event that arrives ahead of a gap is held until the
/// gap fills or it has waited <see cref="MaxHold"/> (the missing batch was lost), then everything held goes out in order.
/// The count starts at <see cref="Start"/>, from the hub's answer to the subscription, so even the first batches a new
/// subscriber receives are ordered.
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
            else if (_next == 0)
            {
                // No baseline yet (the subscription's answer is still on its way): wait for it like for a gap.
                Hold(e, now);
            }
            else if (_next - e.Sequence > RestartDistance)
            {
                // A restarted hub: the count starts here.
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
                Hold(e, now);
            }

            ReleaseInOrder(ready);
        }

        if (_held.Count > maxHeld)
        {
            ReleaseAll(ready);
        }

        return ready;
    }

    /// <summary>
    /// Sets where the count starts: the number after the last one the hub had stamped when it took this process's
    /// subscription. Later calls change nothing. Returns what that releases, in order.
    /// </summary>
    public IReadOnlyList<RecoveryEvent> Start(long next)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(next);
        var ready = new List<RecoveryEvent>();
        if (_next != 0)
        {
            return ready;
        }

        _next = next;
        foreach (var early in _held.Keys.Where(k => k < next).ToArray())
        {
            _held.Remove(early, out var e);
            ready.Add(e!);
        }

        ReleaseInOrder(ready);
        return ready;
    }

    /// <summary>
    /// A renewal's answer: the hub can never be behind what this process received, so a lower number means it
    /// restarted and counts again from there. Returns what that releases.
    /// </summary>
    public IReadOnlyList<RecoveryEvent> Renewed(long next)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(next);
        var ready = new List<RecoveryEvent>();
        if (_next == 0)
        {
            return Start(next);
        }

        if (next < _next)
        {
            ReleaseAll(ready);
            _next = next;
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

    private void Hold(RecoveryEvent e, long now)
    {
        if (_held.Count == 0)
        {
            _heldSince = now;
        }

        _held.TryAdd(e.Sequence, e);
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
