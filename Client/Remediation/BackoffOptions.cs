namespace RecoveryCluster.Client.Remediation;

/// <summary>Retry counts and delays of the retry strategy at one level.</summary>
public sealed record BackoffOptions(int Attempts, TimeSpan InitialDelay, double Factor, TimeSpan MaxDelay)
{
    /// <summary>Level 1: three quick attempts.</summary>
    public static BackoffOptions Basic { get; } = new(3, TimeSpan.FromMilliseconds(50), 2, TimeSpan.FromSeconds(1));

    /// <summary>Level 2 and above: extended retries with longer delays.</summary>
    public static BackoffOptions Extended { get; } = new(5, TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromSeconds(3));
}
