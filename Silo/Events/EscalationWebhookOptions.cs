using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Silo.Events;

/// <summary>
/// The HTTP POST of every escalation record to a URL of yours (a pager, a ticket system). Section
/// <c>RecoveryCluster:EscalationWebhook</c>; off while <see cref="Url"/> is unset.
/// </summary>
/// <remarks>
/// Reloaded at run time (the URL per delivery, retries and timeout when the pipeline is rebuilt), except
/// <see cref="QueueCapacity"/>, which sizes the queue at start.
/// </remarks>
public sealed class EscalationWebhookOptions : IValidatableObject
{
    public const string Section = "RecoveryCluster:EscalationWebhook";

    /// <summary>An absolute http or https URL; anything else stops the silo at start.</summary>
    public string? Url { get; set; }

    /// <summary>Retries after the first attempt (exponential backoff with jitter).</summary>
    [Range(1, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; each later one doubles it.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Escalations waiting for delivery on a silo before new ones are dropped (and counted).</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is not null && !IsHttpUrl(Url))
        {
            yield return new ValidationResult(
                $"{Section}:Url must be an absolute http or https URL, such as https://pager.example.com/hooks/escalations; got '{Url}'.", [nameof(Url)]);
        }

        if (InitialDelay < TimeSpan.Zero || InitialDelay > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("InitialDelay must lie between 0 and 10 minutes.", [nameof(InitialDelay)]);
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("AttemptTimeout must be positive and at most 10 minutes.", [nameof(AttemptTimeout)]);
        }
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
}
