namespace RecoveryCluster.Silo.Events;

/// <summary>One escalation's delivery attempts, counted across the HTTP client's retries.</summary>
public sealed class WebhookAttempts(string errorId, Action<string, int, string> attemptFailed)
{
    public string ErrorId { get; } = errorId;

    /// <summary>Attempts that failed so far.</summary>
    public int Failures { get; private set; }

    public string? LastFailure { get; private set; }

    public void Failed(string reason)
    {
        Failures++;
        LastFailure = reason;
        attemptFailed(ErrorId, Failures, reason);
    }
}
