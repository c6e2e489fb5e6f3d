using System.ComponentModel.DataAnnotations;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.Worker;

/// <summary>The demo workload. Section <c>Worker</c>; e.g. <c>--Worker:Workers=5 --Worker:Seed=7</c>.</summary>
public sealed class WorkloadOptions : IValidatableObject
{
    public const string Section = "Worker";

    /// <summary>Used when configuration names no components (a list default would be appended to, not replaced, by binding).</summary>
    public static IReadOnlyList<string> DefaultComponents { get; } = ["orders-db", "image-api", "gpu-pool", "payments-api"];

    /// <summary>Simulated components, each with its own breaker, shared by every worker; empty means <see cref="DefaultComponents"/>.</summary>
    public List<string> Components { get; set; } = [];

    /// <summary>
    /// Workers in the fleet: independent recovery clients with their own worker ids (the configured id, then id-2,
    /// id-3, ...), so the breaker's quorum of distinct reporters can be met.
    /// </summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 3;

    /// <summary>Operations each worker starts per second, whatever the earlier ones are doing (callers do not wait for each other).</summary>
    [Range(0.1, 10000.0)]
    public double Rate { get; set; } = 20;

    /// <summary>Operations to start in all; 0 runs until stopped (or <see cref="Duration"/>).</summary>
    [Range(0, int.MaxValue)]
    public int Operations { get; set; }

    /// <summary>How long to start operations; zero runs until stopped (or <see cref="Operations"/>).</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Seed of the failure injector; the same seed plants the same faults at the same times.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How long one simulated operation takes.</summary>
    public TimeSpan OperationTime { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Each call's own timeout.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often progress is printed.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The failure injector.</summary>
    public FaultOptions Faults { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Duration < TimeSpan.Zero || OperationTime < TimeSpan.Zero)
        {
            yield return new ValidationResult("Worker:Duration and Worker:OperationTime must not be negative.", [nameof(Duration)]);
        }

        if (OperationTimeout <= TimeSpan.Zero || ProgressInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Worker:OperationTimeout and Worker:ProgressInterval must be positive.", [nameof(OperationTimeout)]);
        }

        // Binding validates the top level only; the injector's settings are checked here.
        var faults = new List<ValidationResult>();
        Validator.TryValidateObject(Faults, new ValidationContext(Faults), faults, validateAllProperties: true);
        foreach (var result in faults)
        {
            yield return result;
        }
    }

    /// <summary>Normal calls per second into each component, which an overload fault's capacity is a multiple of.</summary>
    public double CallsPerComponent => Workers * Rate / Math.Max(1, Components.Count > 0 ? Components.Count : DefaultComponents.Count);
}
