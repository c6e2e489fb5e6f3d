using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Recovery;

/// <summary>
/// Failures this worker recovered (or failed to recover) on its own while the cluster was out of reach, kept in
/// arrival order and sent per error once the cluster answers again, with their original times and outcome ids. Each
/// record carries a sequence number of this buffer's epoch, so the error grain takes a batch sent twice once. The
/// buffer is bounded by <see cref="OfflineBufferOptions"/>; whatever leaves it unsent is counted and logged.
/// </summary>
internal sealed partial class OfflineRecoveries(
    IGrainFactory grains, IOptions<RecoveryClientOptions> clientOptions, ClusterConnectionStatus connection, ClusterCalls calls, TimeProvider time,
    ILogger<RecoveryClient> logger)
{
    private readonly RecoveryClientOptions _options = clientOptions.Value;

    /// <summary>Records per call: small enough that one call is well inside the send timeout even in durable mode.</summary>
    private const int BatchSize = 64;

    /// <summary>A batch writes history rows and statistics, so it may take longer than a report.</summary>
    private static readonly TimeSpan MinSendTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _entries = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Guid _epoch = Guid.NewGuid();
    private readonly OfflineBufferOptions _buffer = clientOptions.Value.OfflineBuffer;
    private long _sequence;
    private long _dropped;
    private long _sent;
    private bool _dropLogged;

    /// <summary>Records waiting to be sent.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records dropped so far: the buffer was full, they grew too old, the cluster refused them, or the worker stopped first.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records the cluster has taken.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public void Add(string errorId, ErrorOccurrence occurrence, IReadOnlyList<RecoveryOutcome> outcomes)
    {
        bool full, logDrop;
        lock (_lock)
        {
            _entries.AddLast(new Entry(errorId, new OfflineRecovery(++_sequence, occurrence, outcomes)));
            full = _entries.Count > _buffer.Capacity;
            if (full)
            {
                // The oldest makes room: the recent past tells the cluster more about the component now.
                _entries.RemoveFirst();
            }

            logDrop = full && !_dropLogged;
            _dropLogged |= full;
        }

        ClientMetrics.OfflineBuffered.Add(1);
        if (full)
        {
            Drop(1, "the buffer is full, the oldest record made room", logDrop);
        }
    }

    /// <summary>Sends every record while the cluster answers; stops at the first call it does not answer (the rest stays).</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        if (!connection.IsConnected || !await _sending.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            DropExpired();
            foreach (var (errorId, records) in Pending())
            {
                foreach (var chunk in records.Chunk(BatchSize))
                {
                    if (!await SendBatchAsync(errorId, chunk, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Counts what is left when the worker stops: it leaves with the process.</summary>
    public void Abandon()
    {
        int left;
        lock (_lock)
        {
            left = _entries.Count;
            _entries.Clear();
        }

        if (left > 0)
        {
            Drop(left, "the worker stopped before the cluster took them", log: true);
        }
    }

    private async Task<bool> SendBatchAsync(string errorId, LinkedListNode<Entry>[] chunk, CancellationToken cancellationToken)
    {
        var batch = new OfflineBatch(_options.WorkerId, _epoch, [.. chunk.Select(e => e.Value.Record)]);
        var timeout = _options.ClusterCallTimeout > MinSendTimeout ? _options.ClusterCallTimeout : MinSendTimeout;
        try
        {
            await calls.CallAsync(() => grains.GetGrain<IErrorGrain>(errorId).RecordOfflineAsync(batch), cancellationToken, timeout).ConfigureAwait(false);
            Remove(chunk);
            Interlocked.Add(ref _sent, chunk.Length);
            ClientMetrics.OfflineSent.Add(chunk.Length);
            lock (_lock)
            {
                _dropLogged = false;
            }

            return true;
        }
        catch (Exception error) when (ClusterFailure.Is(error))
        {
            // Kept for the next send; the cluster takes a repeat once.
            return false;
        }
        catch (ArgumentException refused)
        {
            // Never sent again: a batch the cluster refuses would block the buffer for ever.
            Remove(chunk);
            Drop(chunk.Length, $"the cluster refused them ({refused.Message})", log: true);
            return true;
        }
    }

    private void DropExpired()
    {
        var oldest = time.GetUtcNow() - _buffer.MaxAge;
        var expired = 0;
        lock (_lock)
        {
            while (_entries.First is { } first && first.Value.Record.Occurrence.Timestamp < oldest)
            {
                _entries.RemoveFirst();
                expired++;
            }
        }

        if (expired > 0)
        {
            Drop(expired, $"they are older than {_buffer.MaxAge}", log: true);
        }
    }

    private List<(string ErrorId, List<LinkedListNode<Entry>> Records)> Pending()
    {
        lock (_lock)
        {
            var nodes = new List<LinkedListNode<Entry>>(_entries.Count);
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                nodes.Add(node);
            }

            return [.. nodes.GroupBy(n => n.Value.ErrorId, StringComparer.Ordinal).Select(g => (g.Key, g.ToList()))];
        }
    }

    private void Remove(LinkedListNode<Entry>[] chunk)
    {
        lock (_lock)
        {
            foreach (var node in chunk)
            {
                // A node already gone was dropped meanwhile (expired or the buffer was cleared).
                if (node.List is not null)
                {
                    _entries.Remove(node);
                }
            }
        }
    }

    private void Drop(int count, string reason, bool log)
    {
        var total = Interlocked.Add(ref _dropped, count);
        ClientMetrics.OfflineDropped.Add(count);
        if (log)
        {
            LogDropped(count, reason, total);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} offline recovery records: {Reason} ({Total} dropped in all)")]
    private partial void LogDropped(int count, string reason, long total);

    private sealed class Entry(string errorId, OfflineRecovery record)
    {
        public string ErrorId { get; } = errorId;

        public OfflineRecovery Record { get; } = record;
    }
}
