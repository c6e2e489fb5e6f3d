using System.Threading.Channels;

namespace RecoveryCluster.Events;

/// <summary>
/// One consumer's view of the event stream: a bounded buffer it reads at its own pace. When the buffer is full new
/// events are dropped and counted, so a slow consumer never holds up anyone else. Dispose it to stop.
/// </summary>
public sealed class RecoveryEventSubscription : IDisposable
{
    private readonly Channel<RecoveryEvent> _buffer;
    private readonly Action<RecoveryEventSubscription> _release;
    private long _dropped;
    private int _disposed;

    internal RecoveryEventSubscription(RecoveryEventFilter filter, int capacity, Action<RecoveryEventSubscription> release)
    {
        Filter = filter;
        _release = release;
        _buffer = Channel.CreateBounded<RecoveryEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public RecoveryEventFilter Filter { get; }

    /// <summary>Events that matched the filter but found the buffer full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<RecoveryEvent> Reader => _buffer.Reader;

    public IAsyncEnumerable<RecoveryEvent> ReadAllAsync(CancellationToken cancellationToken = default) => _buffer.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Offers an event without ever waiting; false when it matched but was dropped.</summary>
    internal bool Offer(RecoveryEvent e)
    {
        if (!Filter.Matches(e) || _buffer.Writer.TryWrite(e))
        {
            return true;
        }

        // TryWrite also fails once completed (disposed); only a full buffer is a drop.
        if (Volatile.Read(ref _disposed) == 0)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        return true;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _buffer.Writer.TryComplete();
            _release(this);
        }
    }
}
