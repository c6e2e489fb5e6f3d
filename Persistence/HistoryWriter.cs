using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.History;

namespace RecoveryCluster.Persistence;

/// <summary>
/// Group commit of the recovery history: appends queue up while the previous batch commits, then go to PostgreSQL
/// together in one statement. Each append completes only when its batch has committed, so an outcome is
/// acknowledged after it is durable, and one commit (one fsync) serves every outcome that arrived meanwhile.
/// </summary>
internal sealed partial class HistoryWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly StrategyCatalog _catalog;
    private readonly HistoryWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<PendingRecord> _queue;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _oldestPendingAt;
    private volatile string? _lastError;

    public HistoryWriter(NpgsqlDataSource database, StrategyCatalog catalog, HistoryWriterOptions options, TimeProvider time, ILogger logger)
    {
        _database = database;
        _catalog = catalog;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.WriteAttempts - 1,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsRetryable).Handle<TimeoutException>(),
            })
            .Build();
        _loop = Task.Run(RunAsync);
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

    public async Task AppendAsync(RecoveryRecord record, CancellationToken cancellationToken)
    {
        var pending = new PendingRecord(record, _time.GetTimestamp());
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Committed.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingRecord>(_options.MaxBatch);
        var records = new List<RecoveryRecord>(_options.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            Interlocked.Exchange(ref _oldestPendingAt, batch[0].EnqueuedAt);
            records.Clear();
            records.AddRange(batch.Select(p => p.Record));
            try
            {
                await _retry.ExecuteAsync(async token =>
                {
                    await using var command = HistoryBatchSql.Command(_database, records, _catalog);
                    await command.ExecuteNonQueryAsync(token);
                }, _stopping.Token);
                _lastError = null;
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetResult();
                }
            }
            catch (Exception error)
            {
                // Whatever went wrong, the loop must live on: every later append depends on it.
                _lastError = error.Message;
                LogBatchFailed(error, batch.Count);
                var failure = new HistoryUnavailableException(
                    $"The recovery history could not be written to PostgreSQL ({error.Message}); nothing was acknowledged, retry the call.");
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} recovery records could not be written; its outcomes were not acknowledged")]
    private partial void LogBatchFailed(Exception error, int count);
}
