namespace RecoveryCluster.Diagnostics;

/// <summary>The escalation webhook's record across the cluster since its status grain activated.</summary>
/// <param name="FailedAttempts">HTTP attempts that failed, retried ones included.</param>
/// <param name="Abandoned">Escalations whose every attempt failed.</param>
[GenerateSerializer, Immutable, Alias("rc.webhook-status")]
public sealed record WebhookStatus(
    [property: Id(0)] long Delivered,
    [property: Id(1)] long FailedAttempts,
    [property: Id(2)] long Abandoned,
    [property: Id(3)] DateTimeOffset? LastDeliveredAt,
    [property: Id(4)] DateTimeOffset? LastFailureAt,
    [property: Id(5)] string? LastFailure,
    [property: Id(6)] IReadOnlyList<WebhookDelivery> Recent);
