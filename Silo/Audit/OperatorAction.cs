using RecoveryCluster.Silo.Api;

namespace RecoveryCluster.Silo.Audit;

/// <summary>
/// An audited operator route: an endpoint filter that lets the handler run, then records who did it, to what, and
/// the status it was answered with. It is also endpoint metadata, so the route table says which routes are audited.
/// </summary>
public sealed class OperatorAction(string name, Func<EndpointFilterInvocationContext, AuditSubject> subject) : IEndpointFilter
{
    public string Name { get; } = name;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var audit = context.HttpContext.RequestServices.GetRequiredService<OperatorAudit>();
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception error)
        {
            // The exception handler answers; the trail records the status it will give.
            await audit.RecordFailureAsync(context.HttpContext, Name, subject(context), ApiExceptionHandler.Classify(error).Status);
            throw;
        }

        // Handlers answer with Results<...> unions; the status is on the result inside.
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        var status = answer is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        await audit.RecordAsync(context.HttpContext, Name, subject(context), status);
        return result;
    }
}
