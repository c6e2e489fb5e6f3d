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
    IOptionsMonitor<RetentionOptions> options,
    RecoveryClock clock,
    RecoveryInstruments instruments,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string ReminderName = "retention";
    private long _errorsRemoved;
    private long _historyRowsRemoved;
    private RetentionRun? _lastRun;
    private string? _lastError;

    public async Task EnsureScheduledAsync()
    {
        // Left alone when already there, so silos restarting one after another do not keep pushing the next pass back.
        if (await this.GetReminder(ReminderName) is null)
        {
            var interval = options.CurrentValue.Interval;
            await this.RegisterOrUpdateReminder(ReminderName, interval, interval);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunOnceAsync();

            // A changed interval (configuration reloads) reschedules from this tick on.
            var interval = options.CurrentValue.Interval;
            if (status.Period != interval)
            {
                await this.RegisterOrUpdateReminder(ReminderName, interval, interval);
            }
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
        // Read once per pass: a configuration change applies from the next pass.
        var rules = options.CurrentValue;
        var now = clock.UtcNow;
        var batches = 0;
        long errors = 0;
        foreach (var status in new[] { ErrorStatus.Resolved, ErrorStatus.Failed })
        {
            var query = new ErrorQuery(Status: status, Limit: rules.BatchSize, SeenBefore: now - rules.ErrorAge);
            while (batches < rules.MaxBatchesPerPass)
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
        if (rules.HistoryAge is { } historyAge)
        {
            while (batches < rules.MaxBatchesPerPass)
            {
                var deleted = await history.DeleteOlderThanAsync(now - historyAge, rules.BatchSize);
                batches++;
                rows += deleted;
                if (deleted < rules.BatchSize)
                {
                    break;
                }
            }
        }

        _errorsRemoved += errors;
        _historyRowsRemoved += rows;
        _lastError = null;
        _lastRun = new RetentionRun(now, errors, rows, MoreLeft: batches >= rules.MaxBatchesPerPass);
        instruments.RetentionRemoved.Add(errors, new KeyValuePair<string, object?>("kind", "error"));
        instruments.RetentionRemoved.Add(rows, new KeyValuePair<string, object?>("kind", "history"));
        if (errors + rows > 0)
        {
            LogPass(errors, rows);
        }

        return _lastRun;
    }

    public Task<RetentionStatus> GetStatusAsync()
    {
        var rules = options.CurrentValue;
        return Task.FromResult(new RetentionStatus(rules.ErrorAge, rules.HistoryAge, rules.Interval, _errorsRemoved, _historyRowsRemoved, _lastRun, _lastError));
    }

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
