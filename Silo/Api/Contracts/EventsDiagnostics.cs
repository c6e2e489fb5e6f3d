namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>The event stream's figures. Publisher and subscriber figures are this silo's; the webhook's are the cluster's.</summary>
/// <param name="Published">Events this silo's grains published.</param>
/// <param name="DroppedByPublisher">Events this silo dropped because its buffer to the hub was full.</param>
/// <param name="StreamSubscribers">Open <c>GET /api/events</c> streams on this silo.</param>
/// <param name="DroppedBySubscribers">Events this silo's streams dropped because a reader was too slow.</param>
public sealed record EventsDiagnostics(
    long Published, long DroppedByPublisher, int StreamSubscribers, long StreamEventsReceived, long DroppedBySubscribers, WebhookDiagnostics EscalationWebhook);
