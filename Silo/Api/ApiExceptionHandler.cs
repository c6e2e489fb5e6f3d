using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using RecoveryCluster.History;

namespace RecoveryCluster.Silo.Api;

/// <summary>
/// Turns the exceptions a request can raise into RFC 7807 answers: bad input 400, too large 413, conflicts 409, and
/// 503 (retry later) when the storage or a silo is out of reach.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
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

    /// <summary>
    /// The database is out of reach: the history said so, or a grain's state could not be read or written (Orleans
    /// wraps the provider's error, with the database's own exception inside).
    /// </summary>
    private static bool IsStorageFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HistoryUnavailableException or NpgsqlException
                || (e is OrleansException && e.Message.StartsWith("Error from storage provider", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One sentence: what is out of reach, and that nothing was recorded; never a provider's stack trace.</summary>
    private static string Unavailable(Exception exception)
    {
        var cause = exception;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException or HistoryUnavailableException)
            {
                cause = e;
            }
        }

        var reason = cause.Message.Split('\n', 2)[0].Trim();
        return cause is HistoryUnavailableException
            ? reason
            : $"The cluster's storage or a silo is out of reach ({reason}); nothing was recorded. Retry the request.";
    }

    private static string Describe(Exception exception) =>
        exception is BadHttpRequestException { InnerException: JsonException json } ? json.Message : exception.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private partial void LogUnhandled(Exception error, string path);
}
