namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// Where a durable cluster records each change of an error before the error grain answers: the latest state of
/// every error, group-committed with the changes of other errors, so a change costs a share of one commit instead of
/// a grain storage write of its own. Orleans' grain storage keeps a lazy snapshot beside it.
/// </summary>
public interface IErrorStateJournal
{
    /// <summary>False in dev mode: the grain writes its (in-memory) grain storage directly.</summary>
    bool IsDurable { get; }

    /// <summary>Records <paramref name="state"/> as version <paramref name="version"/>; fails if another activation wrote that version first.</summary>
    Task AppendAsync(string errorId, long version, ErrorState state, CancellationToken cancellationToken = default);

    /// <summary>Removes the error's row if <paramref name="version"/> is still the latest (retention).</summary>
    Task DeleteAsync(string errorId, long version, CancellationToken cancellationToken = default);

    /// <summary>The latest recorded state, or null if the error has none.</summary>
    Task<ErrorState?> ReadAsync(string errorId, CancellationToken cancellationToken = default);
}
