using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Silo.Api.Contracts;
using RecoveryCluster.Silo.Audit;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Api;

/// <summary><c>/api/errors</c>: report failures, record attempts, read and resolve errors.</summary>
public static class ErrorsApi
{
    public static RouteGroupBuilder MapErrorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/errors").WithTags("Errors").RequireAuthorization(ApiPolicies.Reader);
        group.MapPost("/", ReportAsync).RequireAuthorization(ApiPolicies.Reporter);
        group.MapGet("/", ListAsync);
        group.MapGet("/{errorId}", GetAsync);
        group.MapPost("/{errorId}/attempts", RecordAttemptAsync).RequireAuthorization(ApiPolicies.Reporter);
        group.MapPost("/{errorId}/resolve", ResolveAsync).AuditedAs(OperatorActions.ResolveError);
        return group;
    }

    public static async Task<Results<Created<ReportErrorResponse>, ValidationProblem>> ReportAsync(
        ReportErrorRequest request, IGrainFactory grains, RecoveryClock clock)
    {
        var (occurrence, errors) = request.ToOccurrence(clock.UtcNow);
        if (occurrence is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var errorId = ErrorFingerprint.Compute(occurrence);
        var result = await grains.GetGrain<IErrorGrain>(errorId).ReportAsync(occurrence);
        return TypedResults.Created($"/api/errors/{errorId}", new ReportErrorResponse(
            result.ErrorId, result.OccurrenceId, result.AggregatedCount, ApiNames.Of(result.Status), result.IsRegression, PlanResponse.From(result.Plan)));
    }

    /// <summary>
    /// Most recently seen first. A full page carries a <c>Link: &lt;…&gt;; rel="next"</c> header whose <c>after</c> token
    /// continues the list; pages hold still while errors change (an error seen again moves to the front, so a reader
    /// paging back does not meet it twice).
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<ErrorSummary>>, ValidationProblem>> ListAsync(
        string? status, string? type, string? component, int? limit, string? after, IErrorList errorList, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ErrorStatus? statusFilter = null;
        if (status is not null)
        {
            if (Enum.TryParse<ErrorStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = [$"'{status}' is not a status; use one of: {string.Join(", ", Enum.GetNames<ErrorStatus>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        var typeFilter = ApiValidation.ErrorType(type, "type", errors);
        ApiValidation.OptionalKey(component, "component", errors);
        var take = ApiValidation.Limit(limit, errors);
        ErrorCursor? cursor = null;
        if (after is not null && (cursor = ErrorCursor.FromToken(after)) is null)
        {
            errors["after"] = ["'after' is not a page token; pass the one from the previous page's Link header."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await errorList.QueryAsync(new ErrorQuery(statusFilter, typeFilter, component, take, cursor));
        if (page.Next is { } next)
        {
            http.Response.Headers.Link = $"<{NextPageUrl(http.Request, next)}>; rel=\"next\"";
        }

        return TypedResults.Ok(page.Errors);
    }

    private static string NextPageUrl(HttpRequest request, ErrorCursor next)
    {
        var query = request.Query.Where(q => !string.Equals(q.Key, "after", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        query["after"] = next.ToToken();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }

    public static async Task<Results<Ok<ErrorReport>, ProblemHttpResult>> GetAsync(string errorId, IGrainFactory grains)
    {
        if (!ValidErrorId(errorId))
        {
            return NotFound(errorId);
        }

        var report = await grains.GetGrain<IErrorGrain>(errorId).GetReportAsync();
        return report is null ? NotFound(errorId) : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<AttemptResponse>, ValidationProblem, ProblemHttpResult>> RecordAttemptAsync(
        string errorId, RecordAttemptRequest request, IGrainFactory grains)
    {
        if (!ValidErrorId(errorId))
        {
            return NotFound(errorId);
        }

        var (outcome, errors) = request.ToOutcome();
        if (outcome is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var grain = grains.GetGrain<IErrorGrain>(errorId);
        var attempt = request.Attempt;
        if (attempt is null)
        {
            var report = await grain.GetReportAsync();
            if (report is null)
            {
                return NotFound(errorId);
            }

            attempt = report.PendingPlan?.Attempt;
            if (attempt is null)
            {
                return TypedResults.Problem(
                    $"Error '{errorId}' has no pending plan (it is {ApiNames.Of(report.Status)}); name the 'attempt' the outcome belongs to.",
                    statusCode: StatusCodes.Status409Conflict, title: "No pending plan");
            }
        }

        var result = await grain.RecordOutcomeAsync(attempt.Value, outcome);
        return TypedResults.Ok(new AttemptResponse(ApiNames.Of(result.Status), (int?)result.Level, PlanResponse.From(result.NextPlan), result.ImpactScore));
    }

    public static async Task<Results<Ok<ErrorReport>, ProblemHttpResult>> ResolveAsync(string errorId, IGrainFactory grains)
    {
        if (!ValidErrorId(errorId))
        {
            return NotFound(errorId);
        }

        var grain = grains.GetGrain<IErrorGrain>(errorId);
        if (await grain.GetReportAsync() is null)
        {
            return NotFound(errorId);
        }

        return TypedResults.Ok(await grain.ResolveAsync());
    }

    /// <summary>Ids are fingerprints; anything else names no error (and must not activate a grain).</summary>
    private static bool ValidErrorId(string errorId) =>
        errorId.Length <= Limits.MaxKeyLength && !string.IsNullOrWhiteSpace(errorId) && !errorId.Any(char.IsControl);

    private static ProblemHttpResult NotFound(string errorId) => ApiProblems.UnknownError(errorId);
}
