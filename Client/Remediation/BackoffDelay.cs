namespace RecoveryCluster.Client.Remediation;

/// <summary>Exponential backoff with ±25 % jitter: delay = min(initial·factor^(attempt−1), max) · (1 + 0.25·u), u in [−1, 1].</summary>
public static class BackoffDelay
{
    public const double Jitter = 0.25;

    /// <param name="attempt">1-based retry number.</param>
    /// <param name="unitJitter">A sample in [−1, 1].</param>
    public static TimeSpan Compute(int attempt, TimeSpan initial, double factor, TimeSpan max, double unitJitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var nominal = initial.TotalMilliseconds * Math.Pow(factor, attempt - 1);
        var capped = Math.Min(nominal, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + Jitter * Math.Clamp(unitJitter, -1, 1)));
    }
}
