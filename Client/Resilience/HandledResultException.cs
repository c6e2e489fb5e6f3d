namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// Stands for a result a pipeline's <c>ShouldHandle</c> counts as a failure (an HTTP 503, say) when the cluster is
/// told of it: the breaker and the error's fingerprint see it like any failure of the component.
/// </summary>
public sealed class HandledResultException : Exception
{
    public HandledResultException()
    {
    }

    public HandledResultException(string message) : base(message)
    {
    }

    public HandledResultException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>A short description of the result: an HTTP response by its status, anything else by its text.</summary>
    public static HandledResultException Of(object? result) => new(result switch
    {
        null => "The call returned no result, which the pipeline counts as a failure.",
        HttpResponseMessage response => $"The call returned HTTP {(int)response.StatusCode} {response.ReasonPhrase}, which the pipeline counts as a failure.",
        _ => $"The call returned {Shorten(result.ToString())}, which the pipeline counts as a failure.",
    });

    private static string Shorten(string? text) => text is null ? "a result" : text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
