using RecoveryCluster.Diagnostics;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>The escalation webhook: where it posts (without query string), this silo's queue, and the cluster's delivery record.</summary>
public sealed record WebhookDiagnostics(bool Enabled, string? Destination, int QueuedOnThisSilo, long DroppedOnThisSilo, WebhookStatus Deliveries);
