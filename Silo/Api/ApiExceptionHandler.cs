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
            HistoryUnavailableException or NpgsqlException => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable"),
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
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status == StatusCodes.Status500InternalServerError ? "The request failed; see the silo's log." : Describe(exception),
            },
        });
    }

    private static string Describe(Exception exception) =>
        exception is BadHttpRequestException { InnerException: JsonException json } ? json.Message : exception.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private partial void LogUnhandled(Exception error, string path);
}
