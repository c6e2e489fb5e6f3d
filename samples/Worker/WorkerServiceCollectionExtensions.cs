using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Worker;

/// <summary>Registers the demo workload on top of the recovery client.</summary>
public static class WorkerServiceCollectionExtensions
{
    public static IServiceCollection AddDemoWorkload(this IServiceCollection services)
    {
        services.AddOptions<WorkloadOptions>().BindConfiguration(WorkloadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SimulatedFleet>();
        services.AddSingleton<IRecoveryActions, SimulatedRecoveryActions>();
        services.MapException<ResourceExhaustedException>(ErrorType.Resource, ErrorSeverity.High);
        services.MapException<GpuFaultException>(ErrorType.Hardware, ErrorSeverity.High);
        services.MapException<WorkerCrashException>(ErrorType.Worker, ErrorSeverity.Critical);
        services.AddErrorPattern(GpuDeviceReset.Pattern);
        services.AddSingleton(sp => new ErrorCorrectionRule(
            GpuDeviceReset.PatternId, (context, _) => GpuDeviceReset.ApplyAsync(sp.GetRequiredService<SimulatedFleet>(), context)));
        return services;
    }
}
