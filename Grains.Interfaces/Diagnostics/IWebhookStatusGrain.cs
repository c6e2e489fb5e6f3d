namespace RecoveryCluster.Diagnostics;

/// <summary>Collects the escalation webhook's deliveries from every silo (key <see cref="DefaultKey"/>); escalations are rare.</summary>
[Alias("rc.IWebhookStatusGrain")]
public interface IWebhookStatusGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    [Alias("Record"), OneWay]
    Task RecordAsync(WebhookDelivery delivery);

    [Alias("Get"), ReadOnly]
    Task<WebhookStatus> GetAsync();
}
