using System.Collections.Concurrent;

namespace RecoveryCluster.ClientTests;

/// <summary>Counts the grain calls the client makes, by interface and method, so a test can prove a path makes none.</summary>
public sealed class GrainCallCounter : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        _calls.AddOrUpdate($"{context.InterfaceName}.{context.MethodName}", 1, (_, n) => n + 1);
        await context.Invoke();
    }

    public int Total => _calls.Values.Sum();

    public int Count(string method) => _calls.Where(c => c.Key.EndsWith("." + method, StringComparison.Ordinal)).Sum(c => c.Value);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_calls, StringComparer.Ordinal);
}
