namespace RecoveryCluster.Policies;

/// <summary>
/// Hedging of a component's idempotent operations: when a call has not answered after the hedging delay, up to
/// <see cref="MaxHedgedAttempts"/> more copies start and the first answer wins. The delay is <see cref="FixedDelay"/>
/// when set, else the cluster's learned <see cref="Percentile"/> of the operation's latency across the fleet, within
/// [<see cref="MinDelay"/>, <see cref="MaxDelay"/>].
/// </summary>
[GenerateSerializer, Immutable, Alias("rc.hedging-policy")]
public sealed record HedgingPolicy(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] int MaxHedgedAttempts,
    [property: Id(2)] TimeSpan? FixedDelay,
    [property: Id(3)] double Percentile,
    [property: Id(4)] TimeSpan MinDelay,
    [property: Id(5)] TimeSpan MaxDelay)
{
    /// <summary>No hedging (the default of every component).</summary>
    public static HedgingPolicy Off { get; } = new(false, 1, null, 0.95, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5));

    /// <summary>Checks every field; the exception names the first one out of range (prefixed with <paramref name="prefix"/>).</summary>
    public HedgingPolicy Validate(string prefix = "")
    {
        if (MaxHedgedAttempts is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(prefix + "maxHedgedAttempts", MaxHedgedAttempts, $"'{prefix}maxHedgedAttempts' must be between 1 and 10.");
        }

        if (FixedDelay is { } delay && (delay < TimeSpan.Zero || delay > TimeSpan.FromMinutes(10)))
        {
            throw new ArgumentOutOfRangeException(prefix + "fixedDelay", delay, $"'{prefix}fixedDelay' must be between 0 and 10 minutes.");
        }

        Guard.Range(Percentile, 0.5, 0.999, prefix + "percentile");
        if (MinDelay < TimeSpan.Zero || MinDelay > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(prefix + "minDelay", MinDelay, $"'{prefix}minDelay' must be between 0 and 10 minutes.");
        }

        if (MaxDelay < MinDelay || MaxDelay > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(prefix + "maxDelay", MaxDelay, $"'{prefix}maxDelay' must be at least 'minDelay' and at most 10 minutes.");
        }

        return this;
    }
}
