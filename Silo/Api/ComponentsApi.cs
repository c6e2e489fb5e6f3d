using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;
using RecoveryCluster.Silo.Api.Contracts;
using RecoveryCluster.Silo.Audit;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Api;

/// <summary><c>/api/components</c>: a component's run-time policy (breaker, fleet limits, hedging) and its limits in force.</summary>
public static class ComponentsApi
{
    /// <summary>Changing a policy is an operator action: it changes what every worker does.</summary>
    public static OperatorAction SetPolicy { get; } = new("set-component-policy", c => new AuditSubject(
        c.HttpContext.GetRouteValue("component")?.ToString() ?? string.Empty,
        c.Arguments.OfType<ComponentPolicyBody>().FirstOrDefault() is { } body ? Describe(body) : null));

    public static RouteGroupBuilder MapComponentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/components").WithTags("Components").RequireAuthorization(ApiPolicies.Reader);
        group.MapGet("/{component}/policy", GetPolicyAsync);
        group.MapPut("/{component}/policy", PutPolicyAsync).AuditedAs(SetPolicy);
        group.MapGet("/{component}/limit", GetLimitAsync);
        return group;
    }

    /// <summary>The stored policy; a component never configured has the defaults at version 0.</summary>
    public static async Task<Results<Ok<StoredComponentPolicy>, ValidationProblem>> GetPolicyAsync(string component, IGrainFactory grains)
    {
        if (Invalid(component) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.GetGrain<IComponentPolicyGrain>(component).GetAsync());
    }

    public static async Task<Results<Ok<StoredComponentPolicy>, ValidationProblem>> PutPolicyAsync(
        string component, ComponentPolicyBody? body, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiValidation.Key(component, "component", errors);
        ComponentPolicy? policy = null;
        if (body is null)
        {
            errors["body"] = ["A policy is required: { \"breaker\": {...}, \"limit\": {...}, \"hedging\": {...} }."];
        }
        else
        {
            try
            {
                policy = body.ToPolicy().Validate();
            }
            catch (ArgumentException error)
            {
                errors[error.ParamName ?? "policy"] = [FirstLine(error.Message)];
            }
        }

        if (errors.Count > 0 || policy is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await grains.GetGrain<IComponentPolicyGrain>(component).SetAsync(policy));
    }

    /// <summary>The limits in force (after the adaptive scale), who holds which share, and the hedging delays the fleet is told.</summary>
    public static async Task<Results<Ok<FleetLimitStatus>, ValidationProblem>> GetLimitAsync(string component, IGrainFactory grains)
    {
        if (Invalid(component) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.GetGrain<IFleetLimitGrain>(component).GetStatusAsync());
    }

    private static ValidationProblem? Invalid(string component)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiValidation.Key(component, "component", errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    // ArgumentOutOfRangeException appends the parameter and value on lines of their own.
    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string Describe(ComponentPolicyBody body) =>
        $"limit {body.Limit?.MaxConcurrency?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} concurrent / "
        + $"{body.Limit?.RatePerSecond?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} per s, hedging {(body.Hedging?.Enabled == true ? "on" : "off")}";
}
