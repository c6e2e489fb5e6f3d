using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Worker;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// The faults of one iteration, drawn up front from the demo worker's injector and seed. The injector is always asked
/// as if the breaker were closed: its adaptive mode (nothing while open, milder while half-open) would hand the two
/// runs different faults, and the comparison needs the same ones.
/// </summary>
public static class FaultSchedule
{
    public static IReadOnlyList<ScheduledFault> Build(RecoveryBenchmarkSettings settings, int seed, int components)
    {
        var injector = new FailureInjector(seed, settings.FailureRate, settings.Kinds);
        var slots = (int)(settings.Duration / settings.Slot);
        var faults = new List<ScheduledFault>();
        for (var slot = 0; slot < slots; slot++)
        {
            for (var component = 0; component < components; component++)
            {
                if (injector.Next(CircuitState.Closed) is { } fault)
                {
                    faults.Add(new ScheduledFault(slot, component, fault.Kind, fault.Intensity));
                }
            }
        }

        return faults;
    }
}
