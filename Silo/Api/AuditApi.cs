using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCluster.Audit;
using RecoveryCluster.Grains.Audit;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Api;

/// <summary><c>GET /api/audit</c>: the operator actions, newest first (operators only).</summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", ListAsync).WithTags("Audit").RequireAuthorization(ApiPolicies.Operator);

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> ListAsync(int? limit, IAuditTrail trail, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var take = ApiValidation.Limit(limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await trail.ListAsync(take, cancellationToken));
    }
}
