namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>
/// The failed operation a strategy runs again: it throws <c>failure N</c> on its first <paramref name="failures"/> calls,
/// then returns <paramref name="value"/>. Every call is counted and logged as <c>operation</c>.
/// </summary>
public sealed class ScriptedOperation(CallLog log, int failures, object? value = null)
{
    private int _calls;

    public ScriptedOperation(int failures, object? value = null)
        : this(new CallLog(), failures, value)
    {
    }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Runs after the call is counted, before it fails or returns; lets a test act at an exact point.</summary>
    public Action<int>? OnCall { get; init; }

    /// <summary>The exceptions thrown so far, in order.</summary>
    public List<Exception> Thrown { get; } = [];

    public async Task<object?> RunAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        await log.Add("operation");
        OnCall?.Invoke(call);
        if (call <= failures)
        {
            var error = new InvalidOperationException($"failure {call}");
            lock (Thrown)
            {
                Thrown.Add(error);
            }

            throw error;
        }

        return value;
    }
}
