namespace RecoveryCluster.FleetLimits;

/// <summary>
/// One component's fleet-wide limits: at most <see cref="MaxConcurrency"/> calls in flight and <see cref="RatePerSecond"/>
/// calls started per second across every worker (null: no such limit). Workers hold leased shares of them for
/// <see cref="LeaseDuration"/> and renew well before it ends, so a dead worker's share comes back within that time.
/// </summary>
/// <param name="Adaptive">Whether the limits shrink when the component degrades (see <see cref="FleetLimitAdaptiveMode"/>).</param>
/// <param name="LatencyTarget">Adaptive: a mean call time above this counts as degraded.</param>
/// <param name="FailureRateTarget">Adaptive: a failure share above this counts as degraded.</param>
/// <param name="MinimumScale">Adaptive: the limits never shrink below this share of the configured ones.</param>
[GenerateSerializer, Immutable, Alias("rc.fleet-limit-policy")]
public sealed record FleetLimitPolicy(
    [property: Id(0)] int? MaxConcurrency,
    [property: Id(1)] double? RatePerSecond,
    [property: Id(2)] TimeSpan LeaseDuration,
    [property: Id(3)] FleetLimitAdaptiveMode Adaptive,
    [property: Id(4)] TimeSpan LatencyTarget,
    [property: Id(5)] double FailureRateTarget,
    [property: Id(6)] double MinimumScale,
    [property: Id(7)] double DecreaseFactor,
    [property: Id(8)] double IncreaseStep)
{
    /// <summary>Longest lease: a dead worker's share must come back within a time an operator can wait for.</summary>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>Shortest lease: renewals every fifth of it must stay well above a grain call's time.</summary>
    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromMilliseconds(500);

    /// <summary>No limits; what a component without a policy has.</summary>
    public static FleetLimitPolicy None { get; } = new(null, null);

    /// <summary>The limits with the defaults for everything else (lease 5 s, adaptive off).</summary>
    public FleetLimitPolicy(int? maxConcurrency, double? ratePerSecond)
        : this(maxConcurrency, ratePerSecond, TimeSpan.FromSeconds(5), FleetLimitAdaptiveMode.Off, TimeSpan.FromSeconds(1), 0.2, 0.1, 0.7, 0.05)
    {
    }

    /// <summary>True when neither limit is set.</summary>
    public bool IsUnlimited => MaxConcurrency is null && RatePerSecond is null;

    /// <summary>Checks every field; the exception names the first one out of range (prefixed with <paramref name="prefix"/>).</summary>
    public FleetLimitPolicy Validate(string prefix = "")
    {
        if (MaxConcurrency is { } concurrency && (concurrency < 1 || concurrency > 1_000_000))
        {
            throw new ArgumentOutOfRangeException(prefix + "maxConcurrency", concurrency, $"'{prefix}maxConcurrency' must be between 1 and 1000000, or null for no limit.");
        }

        if (RatePerSecond is { } rate)
        {
            Guard.Range(rate, 0.001, 10_000_000, prefix + "ratePerSecond");
        }

        if (LeaseDuration < MinLeaseDuration || LeaseDuration > MaxLeaseDuration)
        {
            throw new ArgumentOutOfRangeException(prefix + "leaseDuration", LeaseDuration, $"'{prefix}leaseDuration' must be between {MinLeaseDuration} and {MaxLeaseDuration}.");
        }

        Guard.Defined(Adaptive, prefix + "adaptive");
        if (LatencyTarget <= TimeSpan.Zero || LatencyTarget > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(prefix + "latencyTarget", LatencyTarget, $"'{prefix}latencyTarget' must be positive and at most one hour.");
        }

        Guard.Range(FailureRateTarget, 0, 1, prefix + "failureRateTarget");
        Guard.Range(MinimumScale, 0.01, 1, prefix + "minimumScale");
        Guard.Range(DecreaseFactor, 0.05, 0.99, prefix + "decreaseFactor");
        Guard.Range(IncreaseStep, 0.001, 1, prefix + "increaseStep");
        return this;
    }
}
