using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecoveryCluster.Silo.Health;

/// <summary>Ready when the cluster answers: the management grain lists the active silos within five seconds.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    /// <summary>The data entry that holds the number of active silos.</summary>
    public const string SilosKey = "silos";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { [SilosKey] = silos.Count });
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            return HealthCheckResult.Unhealthy($"The cluster does not answer: {error.Message}");
        }
    }
}
