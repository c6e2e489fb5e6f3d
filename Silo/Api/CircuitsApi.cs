using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Grains.CircuitBreaker;
using RecoveryCluster.Silo.Api.Contracts;
using RecoveryCluster.Silo.Audit;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Api;

/// <summary><c>/api/circuits</c>: the breakers' states, and manual isolate and reset.</summary>
public static class CircuitsApi
{
    public static RouteGroupBuilder MapCircuitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/circuits").WithTags("Circuits").RequireAuthorization(ApiPolicies.Reader);
        group.MapGet("/", ListAsync);
        group.MapGet("/{component}", GetAsync);
        group.MapPost("/{component}/isolate", IsolateAsync).AuditedAs(OperatorActions.IsolateCircuit);
        group.MapPost("/{component}/reset", ResetAsync).AuditedAs(OperatorActions.ResetCircuit);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<CircuitSnapshot>>> ListAsync(IGrainFactory grains)
    {
        var components = await grains.GetGrain<ICircuitRegistryGrain>(ICircuitRegistryGrain.DefaultKey).ListAsync();
        IReadOnlyList<CircuitSnapshot> snapshots = await Task.WhenAll(components.Select(c => grains.GetGrain<ICircuitBreakerGrain>(c).GetSnapshotAsync()));
        return TypedResults.Ok(snapshots);
    }

    public static async Task<Results<Ok<CircuitSnapshot>, ProblemHttpResult>> GetAsync(string component, IGrainFactory grains)
    {
        if (!await KnownAsync(component, grains))
        {
            return NotFound(component);
        }

        return TypedResults.Ok(await grains.GetGrain<ICircuitBreakerGrain>(component).GetSnapshotAsync());
    }

    /// <summary>Isolating is allowed for any valid component name: operators may fence a component before it ever failed.</summary>
    public static async Task<Results<Ok<CircuitSnapshot>, ValidationProblem>> IsolateAsync(
        string component, IsolateRequest? request, IGrainFactory grains, SiloCircuitView circuits)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiValidation.Key(component, "component", errors);
        var reason = request?.Reason ?? "isolated by an operator";
        ApiValidation.Key(reason, "reason", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(circuits.Observe(await grains.GetGrain<ICircuitBreakerGrain>(component).IsolateAsync(reason)));
    }

    public static async Task<Results<Ok<CircuitSnapshot>, ProblemHttpResult>> ResetAsync(string component, IGrainFactory grains, SiloCircuitView circuits)
    {
        if (!await KnownAsync(component, grains))
        {
            return NotFound(component);
        }

        return TypedResults.Ok(circuits.Observe(await grains.GetGrain<ICircuitBreakerGrain>(component).ResetAsync()));
    }

    private static async Task<bool> KnownAsync(string component, IGrainFactory grains) =>
        component.Length <= Limits.MaxKeyLength && !string.IsNullOrWhiteSpace(component) && !component.Any(char.IsControl)
        && await grains.GetGrain<ICircuitRegistryGrain>(ICircuitRegistryGrain.DefaultKey).ContainsAsync(component);

    private static ProblemHttpResult NotFound(string component) =>
        TypedResults.Problem($"No circuit breaker exists for component '{ApiProblems.Shorten(component)}'.",
            statusCode: StatusCodes.Status404NotFound, title: "Unknown circuit");
}
