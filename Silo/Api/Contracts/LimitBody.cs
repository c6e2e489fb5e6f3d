using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>The <c>limit</c> part of a policy PUT; an absent field takes its default (no limit, lease 5 s, adaptive off).</summary>
public sealed record LimitBody(
    int? MaxConcurrency, double? RatePerSecond, TimeSpan? LeaseDuration, FleetLimitAdaptiveMode? Adaptive, TimeSpan? LatencyTarget,
    double? FailureRateTarget, double? MinimumScale, double? DecreaseFactor, double? IncreaseStep)
{
    public FleetLimitPolicy ToPolicy()
    {
        var defaults = new FleetLimitPolicy(MaxConcurrency, RatePerSecond);
        return defaults with
        {
            LeaseDuration = LeaseDuration ?? defaults.LeaseDuration,
            Adaptive = Adaptive ?? defaults.Adaptive,
            LatencyTarget = LatencyTarget ?? defaults.LatencyTarget,
            FailureRateTarget = FailureRateTarget ?? defaults.FailureRateTarget,
            MinimumScale = MinimumScale ?? defaults.MinimumScale,
            DecreaseFactor = DecreaseFactor ?? defaults.DecreaseFactor,
            IncreaseStep = IncreaseStep ?? defaults.IncreaseStep,
        };
    }
}
