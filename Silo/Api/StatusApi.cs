using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Diagnostics;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Retention;
using RecoveryCluster.Silo.Api.Contracts;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Api;

/// <summary>Status and diagnostics (the health probes are in <see cref="Health.HealthEndpoints"/>).</summary>
public static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", StatusAsync).WithTags("Status").RequireAuthorization(ApiPolicies.Reader);
        app.MapGet("/api/diagnostics", DiagnosticsAsync).WithTags("Status").RequireAuthorization(ApiPolicies.Reader);
        app.MapGet("/api/diagnostics/grain-calls", GrainCalls).WithTags("Status").RequireAuthorization(ApiPolicies.Reader);
        return app;
    }

    public static async Task<Ok<StatusResponse>> StatusAsync(IGrainFactory grains, IRecoveryHistoryStore history, IErrorList errorList)
    {
        var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var counts = await errorList.CountAsync();
        var metrics = await history.MetricsAsync(null, null, null);
        var overall = metrics.Overall;

        // The strategies with recorded executions, not the catalog's size: a strategy never run recovers nothing.
        return TypedResults.Ok(new StatusResponse("ok", silos.Count, new ErrorHandlingStatus(
            counts.Total, counts.Unresolved, metrics.Strategies.Count, overall.TotalExecutions, overall.OverallSuccessRate)));
    }

    public static async Task<Ok<DiagnosticsResponse>> DiagnosticsAsync(IGrainFactory grains, IRecoveryHistoryStore history, IServiceProvider services)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        var components = await grains.GetGrain<ICircuitRegistryGrain>(ICircuitRegistryGrain.DefaultKey).ListAsync();
        var snapshots = await Task.WhenAll(components.Select(c => grains.GetGrain<ICircuitBreakerGrain>(c).GetSnapshotAsync()));
        var escalations = await grains.GetGrain<IEscalationRegistryGrain>(IEscalationRegistryGrain.DefaultKey).ListAsync(50);
        var health = history.Health;
        return TypedResults.Ok(new DiagnosticsResponse(
            [.. hosts.Select(h => new SiloEntry(h.Key.ToString(), h.Value.ToString()))],
            new StorageStatus(history.Provider, history.IsDurable, health.Reachable, health.OldestPendingSeconds, health.PendingRecords, health.LastError),
            [.. snapshots.Where(s => s.State != CircuitState.Closed)],
            escalations)
        {
            Events = await EventsApi.DiagnosticsAsync(grains, services),
            Retention = await grains.GetGrain<IRetentionGrain>(IRetentionGrain.DefaultKey).GetStatusAsync(),
        });
    }

    /// <summary>This silo's count of grain calls taken; the load harness reads it around a run to give calls per recovery cycle.</summary>
    public static Ok<GrainCallsResponse> GrainCalls(GrainCallCount count)
    {
        var byInterface = count.ByInterface();
        return TypedResults.Ok(new GrainCallsResponse(byInterface.Values.Sum(), byInterface));
    }
}
