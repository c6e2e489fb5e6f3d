using Microsoft.Extensions.Options;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// Performance history, score and adaptive timeout of one strategy for one error type. Every error of the type
/// records here, so this grain is hot: it writes its state on a short timer (and on deactivation) instead of per
/// execution. The statistics are derived data; the recovery history is the record of what happened, and a durable
/// history rebuilds the counted parts on activation, so a crash between two writes loses no acknowledged outcome.
/// </summary>
public sealed class StrategyStatsGrain(
    [PersistentState("stats", StorageNames.Recovery)] IPersistentState<StrategyStatsState> state,
    IRecoveryHistoryStore history,
    IOptions<StrategyStatsOptions> options) : Grain, IStrategyStatsGrain
{
    /// <summary>Record ids remembered to count each delivery once; far more than can be in flight at a time.</summary>
    private const int RecentIdsKept = 4096;

    private const string OtherHardware = "other";

    private readonly StrategyStatsOptions _options = options.Value;
    private ErrorType _errorType;
    private string _strategyId = string.Empty;
    private StrategyStatsSnapshot? _snapshot;

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);
    private readonly DeferredStateWrite<StrategyStatsState> _writes = new(state);
    private readonly RecentIds _recent = new(RecentIdsKept);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_errorType, _strategyId) = StrategyStatsKey.Parse(this.GetPrimaryKeyString());
        _writes.Start(this, FlushEvery);
        var request = new StrategyHistoryRequest(_options.WindowSize, HourlyBucketsFor(_options), RecentIdsKept);
        if (await history.LoadStrategyAsync(_errorType, _strategyId, request, cancellationToken) is { } rebuilt)
        {
            StrategyStatsRebuild.Apply(state.State, rebuilt, _options);
            _recent.AddRange(rebuilt.RecentRecordIds);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writes.FlushOnDeactivationAsync(reason, cancellationToken);

    public Task<StrategyStatsSnapshot> RecordAsync(StrategyExecution execution)
    {
        Validate(execution);
        if (execution.RecordId is { } recordId && !_recent.Add(recordId))
        {
            return Task.FromResult(Snapshot());
        }

        var s = state.State;
        s.TotalExecutions++;
        if (execution.Success)
        {
            s.TotalSuccesses++;
        }

        s.Window.Add(execution);
        if (s.Window.Count > _options.WindowSize)
        {
            s.Window.RemoveRange(0, s.Window.Count - _options.WindowSize);
        }

        var current = s.Timeout ?? _options.BaseTimeout;
        s.Timeout = AdaptiveTimeout.Next(
            current, execution.Success && !execution.TimedOut, execution.RanUnder ?? current, _options.MinTimeout, _options.MaxTimeout);
        AddToTrend(s, execution);
        AddToHardware(s, execution);
        s.LastUpdated = execution.At;

        _writes.MarkDirty();
        _snapshot = null;
        return Task.FromResult(Snapshot());
    }

    public Task<StrategyStatsSnapshot> RecordManyAsync(IReadOnlyList<StrategyExecution> executions)
    {
        ArgumentNullException.ThrowIfNull(executions);
        Guard.Batch(executions.Count, "executions");
        foreach (var execution in executions)
        {
            Validate(execution);
        }

        foreach (var execution in executions)
        {
            _ = RecordAsync(execution);
        }

        return Task.FromResult(Snapshot());
    }

    public Task RecordStabilityAsync(double stabilityScore)
    {
        Guard.Range(stabilityScore, 0, 1, nameof(stabilityScore));
        var samples = state.State.StabilitySamples;
        samples.Add(stabilityScore);
        if (samples.Count > _options.WindowSize)
        {
            samples.RemoveRange(0, samples.Count - _options.WindowSize);
        }

        _writes.MarkDirty();
        _snapshot = null;
        return Task.CompletedTask;
    }

    public Task<StrategyStatsSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public async Task ResetAsync()
    {
        await state.ClearStateAsync();
        state.State = new StrategyStatsState();
        _recent.Clear();
        _writes.Discard();
        _snapshot = null;
    }

    /// <summary>Enough hourly buckets of the history to fill the configured trend.</summary>
    private static int HourlyBucketsFor(StrategyStatsOptions options) =>
        (int)Math.Min(100_000, Math.Ceiling(options.TrendBucket.TotalHours) * options.TrendBucketsKept);

    private StrategyStatsSnapshot Snapshot()
    {
        if (_snapshot is not null)
        {
            return _snapshot;
        }

        var s = state.State;
        var score = StrategyScore.Compute(s.Window, s.StabilitySamples);
        _snapshot = new StrategyStatsSnapshot(
            _errorType.ToName(), _strategyId, s.TotalExecutions, s.TotalSuccesses, score.Samples, score.SuccessRate,
            score.AverageSuccessfulSeconds, score.AverageImpact, score.AverageStability, score.TaskRecoveryRate, score.Score,
            s.Timeout ?? _options.BaseTimeout,
            [.. s.ByHardware.Select(h => new HardwareStats(h.Key, h.Value.Executions, h.Value.Successes)).OrderBy(h => h.HardwareId, StringComparer.Ordinal)],
            [.. s.Trend],
            s.LastUpdated);
        return _snapshot;
    }

    private void AddToTrend(StrategyStatsState s, StrategyExecution execution)
    {
        var bucketTicks = _options.TrendBucket.Ticks;
        var start = new DateTimeOffset(execution.At.UtcTicks - execution.At.UtcTicks % bucketTicks, TimeSpan.Zero);
        var index = s.Trend.FindIndex(b => b.Start == start);
        var bucket = index >= 0 ? s.Trend[index] : new TimeBucketStats(start, 0, 0, 0);
        bucket = bucket with
        {
            Executions = bucket.Executions + 1,
            Successes = bucket.Successes + (execution.Success ? 1 : 0),
            TotalSeconds = bucket.TotalSeconds + execution.ExecutionTime.TotalSeconds,
        };
        if (index >= 0)
        {
            s.Trend[index] = bucket;
            return;
        }

        s.Trend.Add(bucket);
        s.Trend.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (s.Trend.Count > _options.TrendBucketsKept)
        {
            s.Trend.RemoveRange(0, s.Trend.Count - _options.TrendBucketsKept);
        }
    }

    private void AddToHardware(StrategyStatsState s, StrategyExecution execution)
    {
        if (execution.HardwareId is not { } hardware)
        {
            return;
        }

        if (!s.ByHardware.ContainsKey(hardware) && s.ByHardware.Count >= _options.HardwareKept)
        {
            hardware = OtherHardware;
        }

        if (!s.ByHardware.TryGetValue(hardware, out var counter))
        {
            counter = new HardwareCounter();
            s.ByHardware[hardware] = counter;
        }

        counter.Executions++;
        if (execution.Success)
        {
            counter.Successes++;
        }
    }

    private static void Validate(StrategyExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        Guard.Duration(execution.ExecutionTime, "executionTime");
        ArgumentOutOfRangeException.ThrowIfNegative(execution.AffectedTasks, "affectedTasks");
        ArgumentOutOfRangeException.ThrowIfNegative(execution.RecoveredTasks, "recoveredTasks");
        if (execution.RecoveredTasks > execution.AffectedTasks)
        {
            throw new ArgumentException(
                $"'recoveredTasks' ({execution.RecoveredTasks}) must not exceed 'affectedTasks' ({execution.AffectedTasks}).", "recoveredTasks");
        }

        Guard.Range(execution.ImpactScore, 0, 1, "impactScore");
        if (execution.StabilityScore is { } stability)
        {
            Guard.Range(stability, 0, 1, "stabilityScore");
        }

        Guard.OptionalKey(execution.HardwareId, "hardwareId");
        Guard.Defined(execution.Level, "level");
    }
}
