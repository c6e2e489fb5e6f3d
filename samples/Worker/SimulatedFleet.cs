using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace RecoveryCluster.Worker;

/// <summary>The workload's simulated components by name, shared by every worker of the fleet.</summary>
public sealed class SimulatedFleet
{
    private readonly FrozenDictionary<string, SimulatedComponent> _components;

    public SimulatedFleet(IOptions<WorkloadOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        var names = o.Components.Count > 0 ? o.Components : WorkloadOptions.DefaultComponents;
        _components = names.Distinct(StringComparer.Ordinal).ToFrozenDictionary(c => c, c => new SimulatedComponent(c, time, o.OperationTime)
        {
            Capacity = o.Faults.OverloadCapacityFactor * o.CallsPerComponent,
            HangTime = o.Faults.SlowCallTime,
        }, StringComparer.Ordinal);
        Ordered = [.. names.Distinct(StringComparer.Ordinal).Select(n => _components[n])];
    }

    /// <summary>The components in configuration order (the order fault schedules index them by).</summary>
    public IReadOnlyList<SimulatedComponent> Ordered { get; }

    public SimulatedComponent? Get(string name) => _components.GetValueOrDefault(name);
}
