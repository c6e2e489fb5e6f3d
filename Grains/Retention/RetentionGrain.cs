using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Retention;

namespace RecoveryCluster.Grains.Retention;

/// <summary>
/// Runs retention on a reminder, in one activation for the cluster: old resolved and failed errors are asked to forget
/// themselves (the grain owns its state, so a change racing the pass wins), then old history rows go, in batches.
/// </summary>
public sealed partial class RetentionGrain(
    IErrorList errorList,
    IRecoveryHistoryStore history,
    IOptions<RetentionOptions> options,
    RecoveryClock clock,
    RecoveryInstruments instruments,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string ReminderName = "retention";
    private readonly RetentionOptions _options = options.Value;
    private long _errorsRemoved;
    private long _historyRowsRemoved;
    private RetentionRun? _lastRun;
    private string? _lastError;

    public async Task EnsureScheduledAsync()
    {
        // Left alone when already there, so silos restarting one after another do not keep pushing the next pass back.
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, _options.Interval, _options.Interval);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunOnceAsync();
        }
        catch (Exception error) when (error is StorageUnavailableException or OrleansException or TimeoutException)
        {
            // The next tick tries again; diagnostics show why this one stopped.
            _lastError = error.Message;
            LogPassFailed(error);
        }
    }

    public async Task<RetentionRun> RunOnceAsync()
    {
        var now = clock.UtcNow;
        var batches = 0;
        long errors = 0;
        foreach (var status in new[] { ErrorStatus.Resolved, ErrorStatus.Failed })
        {
            var query = new ErrorQuery(Status: status, Limit: _options.BatchSize, SeenBefore: now - _options.ErrorAge);
            while (batches < _options.MaxBatchesPerPass)
            {
                var page = await errorList.QueryAsync(query);
                batches++;
                errors += await ForgetAsync(page.Errors, query.SeenBefore!.Value);
                if (page.Next is null)
                {
                    break;
                }

                query = query with { After = page.Next };
            }
        }

        long rows = 0;
        if (_options.HistoryAge is { } historyAge)
        {
            while (batches < _options.MaxBatchesPerPass)
            {
                var deleted = await history.DeleteOlderThanAsync(now - historyAge, _options.BatchSize);
                batches++;
                rows += deleted;
                if (deleted < _options.BatchSize)
                {
                    break;
                }
            }
        }

        _errorsRemoved += errors;
        _historyRowsRemoved += rows;
        _lastError = null;
        _lastRun = new RetentionRun(now, errors, rows, MoreLeft: batches >= _options.MaxBatchesPerPass);
        instruments.RetentionRemoved.Add(errors, new KeyValuePair<string, object?>("kind", "error"));
        instruments.RetentionRemoved.Add(rows, new KeyValuePair<string, object?>("kind", "history"));
        if (errors + rows > 0)
        {
            LogPass(errors, rows);
        }

        return _lastRun;
    }

    public Task<RetentionStatus> GetStatusAsync() => Task.FromResult(new RetentionStatus(
        _options.ErrorAge, _options.HistoryAge, _options.Interval, _errorsRemoved, _historyRowsRemoved, _lastRun, _lastError));

    private async Task<int> ForgetAsync(IReadOnlyList<ErrorSummary> candidates, DateTimeOffset seenBefore)
    {
        var forgotten = await Task.WhenAll(candidates.Select(async e =>
            await GrainFactory.GetGrain<IErrorGrain>(e.ErrorId).ForgetAsync(seenBefore) ? e.ErrorId : null));
        var removed = forgotten.OfType<string>().ToArray();
        if (removed.Length > 0)
        {
            await errorList.RemoveAsync(removed);
        }

        return removed.Length;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Errors} errors and {Rows} history rows.")]
    private partial void LogPass(long errors, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retention pass stopped; the next one tries again.")]
    private partial void LogPassFailed(Exception error);
}
