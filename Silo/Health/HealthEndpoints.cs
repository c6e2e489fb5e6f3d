using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RecoveryCluster.Silo.Api.Contracts;

namespace RecoveryCluster.Silo.Health;

/// <summary>
/// <c>/healthz</c> (liveness: the process serves HTTP) and <c>/readyz</c> (readiness: the cluster answers and, in
/// durable mode, PostgreSQL does), through ASP.NET Core health checks. Both are anonymous, for probes.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks behind <c>/readyz</c>.</summary>
    public const string ReadyTag = "ready";

    public const string ClusterCheck = "cluster";
    public const string PostgresCheck = "postgresql";

    // Probes GET; other methods get 405, as from any other route.
    private static readonly HttpMethodMetadata GetOnly = new([HttpMethods.Get]);

    public static IServiceCollection AddRecoveryClusterHealthChecks(this IServiceCollection services, bool durable)
    {
        var checks = services.AddHealthChecks().AddCheck<ClusterHealthCheck>(ClusterCheck, tags: [ReadyTag]);
        if (durable)
        {
            checks.AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: PostgresCheck, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Liveness runs no check: a silo whose database is away must not be restarted for it, only taken out of service.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteLiveAsync })
            .WithMetadata(GetOnly).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = WriteReadyAsync })
            .WithMetadata(GetOnly).AllowAnonymous();
        return app;
    }

    private static Task WriteLiveAsync(HttpContext http, HealthReport report) => TypedResults.Ok(new { status = "healthy" }).ExecuteAsync(http);

    /// <summary>200 with the number of active silos, or 503 problem details that say which part does not answer.</summary>
    private static Task WriteReadyAsync(HttpContext http, HealthReport report)
    {
        if (report.Status == HealthStatus.Unhealthy)
        {
            var failures = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy)
                .Select(e => e.Value.Description ?? $"{e.Key} does not answer: {e.Value.Exception?.Message ?? "no reason given"}");
            return TypedResults.Problem(string.Join(" ", failures), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready").ExecuteAsync(http);
        }

        var silos = report.Entries.TryGetValue(ClusterCheck, out var cluster) && cluster.Data.TryGetValue(ClusterHealthCheck.SilosKey, out var count) ? (int)count : 0;
        return TypedResults.Ok(new ReadyResponse("ready", silos)).ExecuteAsync(http);
    }
}
