using Microsoft.Extensions.Logging;

namespace RecoveryCluster.Grains.PerSilo;

/// <summary>
/// Gathers one-way work for other grains (breaker signals, executions for the statistics, index lines, in-memory
/// history) on a silo and sends it in batches, one call per destination per round, so the grain that produced it
/// never waits on it and the cluster makes a few calls per round instead of one per item.
/// </summary>
/// <remarks>
/// A round starts <c>interval</c> after the first item that finds no round running, takes everything pending and
/// sends it to all destinations at once; the next round starts once that one finished (so a destination sees its
/// batches in order) and something new is pending. A failed send is logged and its items are lost: everything sent
/// this way is counted or derived data that the next items, or a rebuild, make good.
/// </remarks>
internal sealed partial class OutboundBatcher<T>
{
    private readonly string _name;
    private readonly Func<string, IReadOnlyList<T>, Task> _send;
    private readonly TimeSpan _interval;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Dictionary<string, List<T>> _pending = new(StringComparer.Ordinal);
    private int _pendingCount;
    private bool _running;
    private TaskCompletionSource? _pendingSent;
    private TaskCompletionSource _flushRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _inFlight = Task.CompletedTask;
    private long _sentBatches;
    private long _sentItems;
    private long _lostItems;

    /// <param name="name">What is sent, for the logs.</param>
    /// <param name="send">Sends one destination's batch.</param>
    /// <param name="interval">How long items gather before a round.</param>
    /// <param name="capacity">Items pending at most; more are dropped (and counted) while the destinations lag.</param>
    public OutboundBatcher(string name, Func<string, IReadOnlyList<T>, Task> send, TimeSpan interval, int capacity, ILogger logger)
    {
        _name = name;
        _send = send;
        _interval = interval;
        _capacity = capacity;
        _logger = logger;
    }

    /// <summary>Batches sent (one grain call each).</summary>
    public long SentBatches => Interlocked.Read(ref _sentBatches);

    /// <summary>Items sent in them.</summary>
    public long SentItems => Interlocked.Read(ref _sentItems);

    /// <summary>Items dropped because too many were pending, or lost with a failed send.</summary>
    public long LostItems => Interlocked.Read(ref _lostItems);

    public void Enqueue(string destination, T item)
    {
        lock (_gate)
        {
            if (_pendingCount >= _capacity)
            {
                Interlocked.Increment(ref _lostItems);
                return;
            }

            if (!_pending.TryGetValue(destination, out var items))
            {
                items = [];
                _pending[destination] = items;
            }

            items.Add(item);
            _pendingCount++;
            if (!_running)
            {
                _running = true;

                // Off the grain scheduler: the loop is plain thread-pool work that calls grains as any client would.
                _inFlight = Task.Run(RunAsync);
            }
        }
    }

    /// <summary>
    /// Completes when everything enqueued before the call has been sent (or given up on); the round waiting for its
    /// interval goes at once.
    /// </summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            if (_pendingCount > 0)
            {
                _flushRequested.TrySetResult();
                return (_pendingSent ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            return _running ? _inFlight : Task.CompletedTask;
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Task flushRequested;
            lock (_gate)
            {
                flushRequested = _flushRequested.Task;
            }

            if (_interval > TimeSpan.Zero)
            {
                await Task.WhenAny(Task.Delay(_interval), flushRequested).ConfigureAwait(false);
            }

            Dictionary<string, List<T>> round;
            TaskCompletionSource? sent;
            lock (_gate)
            {
                if (_flushRequested.Task.IsCompleted)
                {
                    _flushRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                if (_pendingCount == 0)
                {
                    _running = false;
                    return;
                }

                round = _pending;
                sent = _pendingSent;
                _pending = new Dictionary<string, List<T>>(StringComparer.Ordinal);
                _pendingCount = 0;
                _pendingSent = null;
            }

            await Task.WhenAll(round.Select(d => SendAsync(d.Key, d.Value))).ConfigureAwait(false);
            sent?.TrySetResult();
        }
    }

    private async Task SendAsync(string destination, List<T> items)
    {
        try
        {
            await _send(destination, items).ConfigureAwait(false);
            Interlocked.Increment(ref _sentBatches);
            Interlocked.Add(ref _sentItems, items.Count);
        }
        catch (Exception error)
        {
            Interlocked.Add(ref _lostItems, items.Count);
            LogSendFailed(_name, items.Count, destination, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Name} for '{Destination}' could not be sent ({Reason}); they are lost")]
    private partial void LogSendFailed(string name, int count, string destination, string reason);
}
