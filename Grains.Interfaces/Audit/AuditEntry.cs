namespace RecoveryCluster.Audit;

/// <summary>
/// One operator action: who did what to which target, and how it ended. It names the key's holder, never the key.
/// </summary>
/// <param name="EntryId">Unique id (32 hex digits).</param>
/// <param name="Timestamp">When the action finished, by the recovery clock.</param>
/// <param name="KeyName">The name of the API key that made the request.</param>
/// <param name="Action">What was done: <c>isolate-circuit</c>, <c>reset-circuit</c>, <c>resolve-error</c>, <c>reset-recovery</c>.</param>
/// <param name="Route">The request: method and path, e.g. <c>POST /api/circuits/orders-db/isolate</c>.</param>
/// <param name="Target">What the action was aimed at: a component, an error id or an error type.</param>
/// <param name="Status">The HTTP status the request was answered with.</param>
/// <param name="Result"><c>succeeded</c> (2xx), <c>refused</c> (4xx) or <c>failed</c> (5xx).</param>
/// <param name="Detail">What else the request said (an isolation's reason, say), if anything.</param>
[GenerateSerializer, Immutable, Alias("rc.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] string KeyName,
    [property: Id(3)] string Action,
    [property: Id(4)] string Route,
    [property: Id(5)] string Target,
    [property: Id(6)] int Status,
    [property: Id(7)] string Result,
    [property: Id(8)] string? Detail = null)
{
    /// <summary>The result word for an HTTP status.</summary>
    public static string ResultOf(int status) => status switch
    {
        >= 200 and < 300 => "succeeded",
        >= 400 and < 500 => "refused",
        _ => "failed",
    };
}
