using System.Collections.Concurrent;

namespace RecoveryCluster.ClientTests;

/// <summary>
/// Counts the grain calls the client makes, by interface and method, so a test can prove a path makes none; it can
/// also hold calls to one method back, to make the real cluster slow to answer.
/// </summary>
public sealed class GrainCallCounter : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private volatile string? _delayedMethod;
    private TimeSpan _delay;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        _calls.AddOrUpdate($"{context.InterfaceName}.{context.MethodName}", 1, (_, n) => n + 1);
        if (_delayedMethod is { } method && context.MethodName.StartsWith(method, StringComparison.Ordinal))
        {
            await Task.Delay(_delay);
        }

        await context.Invoke();
    }

    /// <summary>Delays every call to a method (matched by name prefix) until the returned scope is disposed.</summary>
    public IDisposable Delay(string method, TimeSpan delay)
    {
        _delay = delay;
        _delayedMethod = method;
        return new Scope(this);
    }

    private sealed class Scope(GrainCallCounter owner) : IDisposable
    {
        public void Dispose() => owner._delayedMethod = null;
    }

    public int Total => _calls.Values.Sum();

    public int Count(string method) => _calls.Where(c => c.Key.EndsWith("." + method, StringComparison.Ordinal)).Sum(c => c.Value);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_calls, StringComparer.Ordinal);
}
