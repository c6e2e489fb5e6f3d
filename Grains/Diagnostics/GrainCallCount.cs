using System.Collections.Concurrent;

namespace RecoveryCluster.Grains.Diagnostics;

/// <summary>Grain calls this silo has taken since it started, by interface: what a recovery cycle costs the cluster.</summary>
public sealed class GrainCallCount
{
    private readonly ConcurrentDictionary<string, long> _byInterface = new(StringComparer.Ordinal);

    public void Add(string interfaceName) => _byInterface.AddOrUpdate(interfaceName, 1, static (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> ByInterface() =>
        _byInterface.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
}
