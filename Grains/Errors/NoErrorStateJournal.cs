namespace RecoveryCluster.Grains.Errors;

/// <summary>Dev mode: no journal; error grains write their grain storage on every change.</summary>
public sealed class NoErrorStateJournal : IErrorStateJournal
{
    public bool IsDurable => false;

    public Task AppendAsync(string errorId, long version, ErrorState state, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("Dev mode has no error journal.");

    public Task DeleteAsync(string errorId, long version, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ErrorState?> ReadAsync(string errorId, CancellationToken cancellationToken = default) => Task.FromResult<ErrorState?>(null);
}
