using RecoveryCluster.Grains.Options;
using RecoveryCluster.Policies;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>A component's breaker rules: the silo's options with the component policy's overrides laid over them.</summary>
public static class BreakerOverrides
{
    public static CircuitBreakerOptions Apply(CircuitBreakerOptions defaults, BreakerSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (settings is null || settings == BreakerSettings.Inherited)
        {
            return defaults;
        }

        return new CircuitBreakerOptions
        {
            Mode = settings.Mode is { } mode
                ? string.Equals(mode, BreakerSettings.FailureRatioMode, StringComparison.OrdinalIgnoreCase) ? CircuitBreakerMode.FailureRatio : CircuitBreakerMode.ConsecutiveFailures
                : defaults.Mode,
            FailureThreshold = settings.FailureThreshold ?? defaults.FailureThreshold,
            FailureRatio = settings.FailureRatio ?? defaults.FailureRatio,
            MinimumThroughput = settings.MinimumThroughput ?? defaults.MinimumThroughput,
            SamplingDuration = settings.SamplingDuration ?? defaults.SamplingDuration,
            RecoveryTimeout = settings.RecoveryTimeout ?? defaults.RecoveryTimeout,
            RecoveryTimeoutGrowth = defaults.RecoveryTimeoutGrowth,
            MaxRecoveryTimeout = settings.RecoveryTimeout is { } timeout && timeout > defaults.MaxRecoveryTimeout ? timeout : defaults.MaxRecoveryTimeout,
            HalfOpenMaxProbes = settings.HalfOpenMaxProbes ?? defaults.HalfOpenMaxProbes,
            SuccessesToClose = settings.SuccessesToClose ?? defaults.SuccessesToClose,
            ProbePermitTimeout = defaults.ProbePermitTimeout,
            MinDistinctReporters = settings.MinDistinctReporters ?? defaults.MinDistinctReporters,
            TrackedWorkers = defaults.TrackedWorkers,
            HalfOpenReminderPeriod = defaults.HalfOpenReminderPeriod,
        };
    }
}
