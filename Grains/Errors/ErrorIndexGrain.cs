using Microsoft.Extensions.Options;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Options;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// One shard of the error index. Upserts arrive in batches from each silo's error grains (see ErrorIndexFeed), so the shard writes its
/// state on a short timer rather than per upsert; a lost tail is rebuilt by the errors' next change.
/// </summary>
public sealed class ErrorIndexGrain(
    [PersistentState("error-index", StorageNames.Recovery)] IPersistentState<ErrorIndexState> state,
    IOptions<RecoveryOptions> options) : Grain, IErrorIndexGrain
{
    private readonly int _capacity = (options.Value.IndexCapacity + ErrorIndex.ShardCount - 1) / ErrorIndex.ShardCount;

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(2);
    private readonly DeferredStateWrite<ErrorIndexState> _writes = new(state);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes.Start(this, FlushEvery);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writes.FlushOnDeactivationAsync(reason, cancellationToken);

    public Task UpsertManyAsync(IReadOnlyList<ErrorSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        Guard.Batch(summaries.Count, "summaries");
        foreach (var summary in summaries)
        {
            ArgumentNullException.ThrowIfNull(summary);
            Guard.Key(summary.ErrorId, "errorId");
        }

        foreach (var summary in summaries)
        {
            // Batches from different silos may cross: an older change that arrives late is ignored.
            if (!state.State.Errors.TryGetValue(summary.ErrorId, out var known) || known.Revision <= summary.Revision)
            {
                state.State.Errors[summary.ErrorId] = summary;
            }
        }

        IndexEviction.Trim(state.State.Errors, _capacity);
        _writes.MarkDirty();
        return Task.CompletedTask;
    }

    public Task RemoveManyAsync(IReadOnlyList<string> errorIds)
    {
        ArgumentNullException.ThrowIfNull(errorIds);
        Guard.Batch(errorIds.Count, "errorIds");
        foreach (var errorId in errorIds)
        {
            state.State.Errors.Remove(errorId);
        }

        _writes.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ErrorSummary>> QueryAsync(ErrorQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, "limit");
        IReadOnlyList<ErrorSummary> matches = state.State.Errors.Values
            .Where(query.Matches)
            .OrderByDescending(e => e.LastSeen)
            .ThenBy(e => e.ErrorId, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToArray();
        return Task.FromResult(matches);
    }

    public Task<ErrorCounts> CountAsync()
    {
        var errors = state.State.Errors.Values;
        return Task.FromResult(new ErrorCounts(
            errors.Count,
            errors.Count(e => e.Status is not ErrorStatus.Resolved),
            errors.Count(e => e.Status == ErrorStatus.Escalated)));
    }
}
