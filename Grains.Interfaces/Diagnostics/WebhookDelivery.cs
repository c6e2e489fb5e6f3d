namespace RecoveryCluster.Diagnostics;

/// <summary>How one escalation's webhook delivery ended, after its retries.</summary>
/// <param name="Attempts">HTTP attempts made, retries included.</param>
/// <param name="Failure">The last attempt's failure; null when delivered.</param>
[GenerateSerializer, Immutable, Alias("rc.webhook-delivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] bool Delivered,
    [property: Id(2)] int Attempts,
    [property: Id(3)] string? Failure,
    [property: Id(4)] DateTimeOffset At);
