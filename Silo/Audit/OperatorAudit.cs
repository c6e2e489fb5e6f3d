using RecoveryCluster.Audit;
using RecoveryCluster.Events;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Audit;
using RecoveryCluster.Grains.Events;
using RecoveryCluster.Grains.Storage;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Audit;

/// <summary>Records an operator action in the audit trail and publishes it as an <c>operator-action</c> event.</summary>
public sealed partial class OperatorAudit(IAuditTrail trail, RecoveryEventPublisher events, RecoveryClock clock, ILogger<OperatorAudit> logger)
{
    /// <summary>Longest target, route or detail kept; request input is cut, not stored whole.</summary>
    public const int MaxText = 512;

    /// <summary>
    /// After the action: the entry is kept (committed, in durable mode) before the answer goes out. When the trail
    /// cannot take it, the action has still happened, so the answer stands and the entry goes to the error log instead.
    /// </summary>
    public async Task RecordAsync(HttpContext http, string action, AuditSubject subject, int status)
    {
        var entry = Entry(http, action, subject, status);
        try
        {
            await trail.RecordAsync(entry, CancellationToken.None);
        }
        catch (Exception error) when (StorageFailureFilter.IsStorageFailure(error) || error is TimeoutException or OrleansException)
        {
            LogNotRecorded(entry.KeyName, entry.Action, entry.Target, entry.Status, error.Message);
        }

        Publish(entry);
    }

    /// <summary>The action threw: recorded as far as the trail allows, without hiding the original failure.</summary>
    public async Task RecordFailureAsync(HttpContext http, string action, AuditSubject subject, int status)
    {
        var entry = Entry(http, action, subject, status);
        try
        {
            await trail.RecordAsync(entry, CancellationToken.None);
        }
        catch (Exception error)
        {
            LogNotRecorded(entry.KeyName, entry.Action, entry.Target, entry.Status, error.Message);
        }

        Publish(entry);
    }

    private AuditEntry Entry(HttpContext http, string action, AuditSubject subject, int status) => new(
        RecoveryEvent.NewId(), clock.UtcNow, http.User.Identity?.Name ?? ApiKeyAuthenticationHandler.Anonymous, action,
        Clean($"{http.Request.Method} {http.Request.Path}"), Clean(subject.Target), status, AuditEntry.ResultOf(status),
        subject.Detail is null ? null : Clean(subject.Detail));

    private void Publish(AuditEntry entry)
    {
        var circuit = entry.Action is "isolate-circuit" or "reset-circuit";
        events.Publish(new RecoveryEvent(RecoveryEvent.NewId(), RecoveryEventKind.OperatorAction, entry.Timestamp,
            circuit ? entry.Target : string.Empty, ErrorId: entry.Action == "resolve-error" ? entry.Target : null,
            Message: $"{entry.KeyName}: {entry.Action} {entry.Target} ({entry.Result}, {entry.Status})", Audit: entry));
        LogRecorded(entry.KeyName, entry.Action, entry.Target, entry.Status);
    }

    /// <summary>Control characters (a NUL would break a PostgreSQL text column) become U+FFFD, and long input is cut.</summary>
    private static string Clean(string text)
    {
        var cut = text.Length <= MaxText ? text : text[..MaxText] + "…";
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator action {Action} on {Target} by key {KeyName}: {Status}")]
    private partial void LogRecorded(string keyName, string action, string target, int status);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Operator action {Action} on {Target} by key {KeyName} ({Status}) could not be written to the audit trail: {Reason}")]
    private partial void LogNotRecorded(string keyName, string action, string target, int status, string reason);
}
