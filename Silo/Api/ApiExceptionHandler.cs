using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using RecoveryCluster.Grains.Storage;

namespace RecoveryCluster.Silo.Api;

/// <summary>
/// Turns the exceptions a request can raise into RFC 7807 answers: bad input 400, too large 413, conflicts 409, and
/// 503 (retry later) when the storage or a silo is out of reach.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status switch
                {
                    StatusCodes.Status500InternalServerError => "The request failed; see the silo's log.",
                    StatusCodes.Status503ServiceUnavailable => Unavailable(exception),
                    _ => Describe(exception),
                },
            },
        });
    }

    /// <summary>The status and title a request that raised <paramref name="exception"/> is answered with.</summary>
    public static (int Status, string Title) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Malformed request"),
        JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON"),
        _ when IsStorageFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable"),
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException => (StatusCodes.Status503ServiceUnavailable, "Cluster unavailable"),
        ArgumentException => (StatusCodes.Status400BadRequest, "Invalid request"),
        KeyNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        InvalidOperationException => (StatusCodes.Status409Conflict, "Conflict"),
        _ => (StatusCodes.Status500InternalServerError, "Internal error"),
    };

    /// <summary>
    /// The database is out of reach: a grain said so (its silo's <see cref="StorageFailureFilter"/> turned the failure
    /// into <see cref="StorageUnavailableException"/>), or the history store, or a database error in this silo.
    /// </summary>
    private static bool IsStorageFailure(Exception exception) => StorageFailureFilter.IsStorageFailure(exception);

    /// <summary>One sentence: what is out of reach, and that nothing was recorded; never a provider's stack trace.</summary>
    private static string Unavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException)
            {
                return StorageFailureFilter.FirstLine(e.Message);
            }
        }

        return $"The cluster's storage or a silo is out of reach ({StorageFailureFilter.FirstLine(exception.Message)}); nothing was recorded. Retry the request.";
    }

    private static string Describe(Exception exception) =>
        exception is BadHttpRequestException { InnerException: JsonException json } ? json.Message : exception.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private partial void LogUnhandled(Exception error, string path);
}
