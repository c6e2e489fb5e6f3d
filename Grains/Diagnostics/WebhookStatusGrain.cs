using RecoveryCluster.Diagnostics;

namespace RecoveryCluster.Grains.Diagnostics;

/// <summary>The escalation webhook's counters and recent deliveries, in memory: diagnostics, not a record to keep.</summary>
[KeepAlive]
public sealed class WebhookStatusGrain : Grain, IWebhookStatusGrain
{
    public const int RecentKept = 20;

    private readonly Queue<WebhookDelivery> _recent = new();
    private long _delivered;
    private long _failedAttempts;
    private long _abandoned;
    private DateTimeOffset? _lastDeliveredAt;
    private DateTimeOffset? _lastFailureAt;
    private string? _lastFailure;

    public Task RecordAsync(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        Guard.Key(delivery.ErrorId, "errorId");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(delivery.Attempts, "attempts");
        if (delivery.Delivered)
        {
            _delivered++;
            _failedAttempts += delivery.Attempts - 1;
            _lastDeliveredAt = delivery.At;
        }
        else
        {
            _abandoned++;
            _failedAttempts += delivery.Attempts;
        }

        if (delivery.Failure is not null)
        {
            _lastFailure = delivery.Failure;
            _lastFailureAt = delivery.At;
        }

        _recent.Enqueue(delivery);
        if (_recent.Count > RecentKept)
        {
            _recent.Dequeue();
        }

        return Task.CompletedTask;
    }

    public Task<WebhookStatus> GetAsync() => Task.FromResult(new WebhookStatus(
        _delivered, _failedAttempts, _abandoned, _lastDeliveredAt, _lastFailureAt, _lastFailure, [.. _recent.Reverse()]));
}
