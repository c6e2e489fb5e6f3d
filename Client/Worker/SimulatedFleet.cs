using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace RecoveryCluster.Worker;

/// <summary>The workload's simulated components by name.</summary>
public sealed class SimulatedFleet
{
    private readonly FrozenDictionary<string, SimulatedComponent> _components;

    public SimulatedFleet(IOptions<WorkloadOptions> options, TimeProvider time)
    {
        var o = options.Value;
        var names = o.Components.Count > 0 ? o.Components : WorkloadOptions.DefaultComponents;
        _components = names.Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(c => c, c => new SimulatedComponent(c, time, o.OperationTime), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<SimulatedComponent> All => _components.Values;

    public SimulatedComponent? Get(string name) => _components.GetValueOrDefault(name);
}
