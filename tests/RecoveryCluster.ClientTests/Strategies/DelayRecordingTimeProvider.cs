using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>
/// A fake clock that reports every timer created on it (a retry's backoff delay), so a test can see the delay a
/// strategy asked for and advance the clock by exactly that much instead of waiting.
/// </summary>
public sealed class DelayRecordingTimeProvider : FakeTimeProvider
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _delays = [];

    /// <summary>Every delay asked for so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Record(dueTime);
        _timers.Writer.TryWrite(dueTime);
        return new RecordedTimer(timer, this);
    }

    private void Record(TimeSpan dueTime)
    {
        lock (_delays)
        {
            _delays.Add(dueTime);
        }
    }

    /// <summary>
    /// A timer armed after it was made (as <c>TimeProvider.CancelAfter</c>, under Polly's timeout, does) is a delay
    /// too: it goes into <see cref="Delays"/>, not into the queue the strategies' backoff is driven from.
    /// </summary>
    private sealed class RecordedTimer(ITimer inner, DelayRecordingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                owner.Record(dueTime);
            }

            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>Waits until the strategy starts its next delay on this clock and returns its length.</summary>
    public async Task<TimeSpan> NextDelayAsync()
    {
        try
        {
            return await _timers.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected the strategy to start a backoff delay on the fake clock within {Patience.TotalSeconds} s; it did not.");
        }
    }

    /// <summary>Advances the clock through every delay the run asks for until it finishes, then returns its result.</summary>
    public async Task<T> DriveAsync<T>(Task<T> run)
    {
        while (true)
        {
            var next = _timers.Reader.ReadAsync().AsTask();
            Task first;
            try
            {
                first = await Task.WhenAny(run, next).WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Expected the strategy to finish or start a backoff delay within {Patience.TotalSeconds} s; it did neither (delays so far: {string.Join(", ", Delays)}).");
            }

            if (first == run)
            {
                return await run;
            }

            Advance(await next);
        }
    }
}
