namespace RecoveryCluster.Client.Recovery;

/// <summary>
/// Watches the calls a recovery's strategies make into the component, so a plan run as the half-open probe is judged by
/// what the component did, not by the strategy: a fallback that answers, or a degradation with no levels, says nothing
/// about the component's health.
/// </summary>
internal sealed class ComponentCalls
{
    private int _calls;
    private Exception? _lastError;

    /// <summary>Calls made since <see cref="Reset"/>.</summary>
    public int Count => Volatile.Read(ref _calls);

    /// <summary>The error of the last call since <see cref="Reset"/>; null when it succeeded.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    public void Reset()
    {
        Volatile.Write(ref _calls, 0);
        Volatile.Write(ref _lastError, null);
    }

    public Func<CancellationToken, Task<object?>> Watch(Func<CancellationToken, Task<object?>> operation) => async cancellationToken =>
    {
        Interlocked.Increment(ref _calls);
        try
        {
            var value = await operation(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastError, null);
            return value;
        }
        catch (Exception error)
        {
            Volatile.Write(ref _lastError, error);
            throw;
        }
    };
}
