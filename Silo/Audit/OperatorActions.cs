using RecoveryCluster.Silo.Api.Contracts;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Audit;

/// <summary>The audited operator actions, and the one way a route becomes one (operator only, and recorded).</summary>
public static class OperatorActions
{
    public static OperatorAction IsolateCircuit { get; } = new("isolate-circuit",
        c => new AuditSubject(Route(c, "component"), c.Arguments.OfType<IsolateRequest>().FirstOrDefault()?.Reason));

    public static OperatorAction ResetCircuit { get; } = new("reset-circuit", c => new AuditSubject(Route(c, "component")));

    public static OperatorAction ResolveError { get; } = new("resolve-error", c => new AuditSubject(Route(c, "errorId")));

    public static OperatorAction ResetRecovery { get; } = new("reset-recovery", c =>
    {
        var request = c.Arguments.OfType<ResetRequest>().FirstOrDefault();
        var parts = new[] { request?.ErrorId is { } id ? $"error {id}" : null, request?.ErrorType is { } type ? $"type {type}" : null };
        return new AuditSubject(string.Join(", ", parts.OfType<string>()));
    });

    /// <summary>Operator only, and every call recorded in the audit trail and published as an event.</summary>
    public static TBuilder AuditedAs<TBuilder>(this TBuilder builder, OperatorAction action)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(action);
        builder.RequireAuthorization(ApiPolicies.Operator).AddEndpointFilter(action).WithMetadata(action);
        return builder;
    }

    private static string Route(EndpointFilterInvocationContext context, string name) =>
        context.HttpContext.GetRouteValue(name)?.ToString() ?? string.Empty;
}
