using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.Worker;

/// <summary>
/// The demo's pattern-based correction: an illegal memory access on the GPU is a fault of the kernel the task ran, and
/// resetting the device clears it, so the pattern asks for error correction at level 1 and the rule resets the device.
/// </summary>
public static class GpuDeviceReset
{
    public const string PatternId = "gpu-illegal-memory-access";

    public static ErrorPattern Pattern { get; } = ErrorPattern.Create(
        PatternId, @"CUDA error .*illegal memory access", ErrorType.Task, ErrorSeverity.High, 100,
        recoveryStrategy: StrategyIds.ErrorCorrection, metadata: new Dictionary<string, string> { ["action"] = "reset-device" });

    /// <summary>Resets the component's simulated device; true when that cleared its GPU fault.</summary>
    public static Task<bool> ApplyAsync(SimulatedFleet fleet, RecoveryContext context)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(fleet.Get(context.Component)?.Repair(FailureKind.GpuError) ?? false);
    }
}
