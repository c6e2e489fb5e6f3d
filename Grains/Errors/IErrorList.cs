using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// The list of errors people read (the API's listing, the status counts, the secondary metrics). In memory mode it is
/// the sharded error index; in durable mode it is the <c>error_state</c> table, written with each error's journal row.
/// </summary>
public interface IErrorList
{
    /// <summary>Keeps the error's line current after a change (a no-op where the state's own write keeps it).</summary>
    void Upsert(ErrorSummary summary);

    /// <summary>Matching errors, most recently seen first, then by id; pages follow <see cref="ErrorQuery.After"/>.</summary>
    Task<ErrorPage> QueryAsync(ErrorQuery query, CancellationToken cancellationToken = default);

    /// <summary>Takes forgotten errors off the list (a no-op where forgetting the state removed the line).</summary>
    Task RemoveAsync(IReadOnlyList<string> errorIds);

    Task<ErrorCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>The listed errors among <paramref name="errorIds"/>, of <paramref name="type"/> when given.</summary>
    Task<IReadOnlyList<ErrorSummary>> FindAsync(IReadOnlyCollection<string> errorIds, ErrorType? type, CancellationToken cancellationToken = default);
}
