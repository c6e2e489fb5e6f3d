using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Worker;

/// <summary>The demo workload. Section <c>Worker</c>; e.g. <c>--Worker:Operations=2000 --Worker:Seed=7</c>.</summary>
public sealed class WorkloadOptions
{
    public const string Section = "Worker";

    /// <summary>Used when configuration names no components (a list default would be appended to, not replaced, by binding).</summary>
    public static IReadOnlyList<string> DefaultComponents { get; } = ["orders-db", "image-api", "gpu-pool", "payments-api"];

    /// <summary>Simulated components, each with its own breaker; empty means <see cref="DefaultComponents"/>.</summary>
    public List<string> Components { get; set; } = [];

    /// <summary>Operations to run; 0 runs until stopped.</summary>
    [Range(0, int.MaxValue)]
    public int Operations { get; set; }

    [Range(1, 1024)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Chance that an operation plants a new fault on a healthy component.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; } = 0.02;

    /// <summary>Seed of the failure injector; the same seed plants the same faults in the same order.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How long one simulated operation takes.</summary>
    public TimeSpan OperationTime { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often progress is printed.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failure kinds the injector may plant; empty means all.</summary>
    public List<FailureKind> Kinds { get; set; } = [];
}
