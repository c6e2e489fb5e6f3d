using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace RecoveryCluster.Persistence;

/// <summary>
/// Group commit: appends queue up while the previous batch commits, then go to PostgreSQL together in one statement.
/// Each append completes only when its batch has committed, so a caller acknowledges after the write is durable,
/// and one commit (one fsync) serves everything that arrived meanwhile. With several lanes, that many batches commit
/// at once (PostgreSQL flushes their commits together); only for items whose order across batches does not matter.
/// </summary>
/// <typeparam name="TItem">What is appended.</typeparam>
internal sealed partial class GroupCommitWriter<TItem> : IAsyncDisposable
{
    /// <summary>Writes one batch; returns, per item, null when it committed or the exception its caller gets.</summary>
    public delegate Task<IReadOnlyList<Exception?>> BatchWrite(IReadOnlyList<TItem> batch, CancellationToken cancellationToken);

    private readonly string _name;
    private readonly BatchWrite _write;
    private readonly Func<Exception, Exception> _unavailable;
    private readonly GroupCommitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Queued> _queue;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _oldestPendingAt;
    private volatile string? _lastError;

    /// <param name="name">What is written, for the log.</param>
    /// <param name="unavailable">The exception callers get when a batch cannot be written at all.</param>
    public GroupCommitWriter(string name, BatchWrite write, Func<Exception, Exception> unavailable, GroupCommitOptions options, TimeProvider time, ILogger logger)
    {
        _name = name;
        _write = write;
        _unavailable = unavailable;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<Queued>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = options.Lanes == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.WriteAttempts - 1),
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsRetryable).Handle<TimeoutException>(),
            })
            .Build();
        _loop = Task.WhenAll(Enumerable.Range(0, options.Lanes).Select(_ => Task.Run(RunAsync)));
    }

    public int Pending => _queue.Reader.Count;

    public string? LastError => _lastError;

    public double OldestPendingSeconds
    {
        get
        {
            var at = Interlocked.Read(ref _oldestPendingAt);
            return at == 0 ? 0 : _time.GetElapsedTime(at).TotalSeconds;
        }
    }

    public async Task AppendAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Queued(item, _time.GetTimestamp());
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Committed.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<Queued>(_options.MaxBatch);
        var items = new List<TItem>(_options.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                // Another lane took what woke this one.
                continue;
            }

            Interlocked.Exchange(ref _oldestPendingAt, batch[0].EnqueuedAt);
            items.Clear();
            items.AddRange(batch.Select(p => p.Item));
            try
            {
                var outcomes = await _retry.ExecuteAsync(async token => await _write(items, token), _stopping.Token);
                _lastError = null;
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i] is { } refused)
                    {
                        batch[i].Committed.TrySetException(refused);
                    }
                    else
                    {
                        batch[i].Committed.TrySetResult();
                    }
                }
            }
            catch (Exception error)
            {
                // Whatever went wrong, the loop must live on: every later append depends on it.
                _lastError = error.Message;
                LogBatchFailed(error, _name, batch.Count);
                var failure = _unavailable(error);
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetException(failure);
                }
            }
            finally
            {
                Interlocked.Exchange(ref _oldestPendingAt, 0);
            }
        }
    }

    /// <summary>Transient failures and deadlocks are worth a second try; a constraint or type error is not.</summary>
    private static bool IsRetryable(NpgsqlException error) =>
        error.IsTransient || error is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} {Name} could not be written; none of them was acknowledged")]
    private partial void LogBatchFailed(Exception error, string name, int count);

    private sealed class Queued(TItem item, long enqueuedAt)
    {
        public TItem Item { get; } = item;

        /// <summary>Timestamp (TimeProvider ticks) of the enqueue, for the writer's lag.</summary>
        public long EnqueuedAt { get; } = enqueuedAt;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
