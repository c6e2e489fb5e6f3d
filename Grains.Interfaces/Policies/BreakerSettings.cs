namespace RecoveryCluster.Policies;

/// <summary>
/// One component's breaker rules where they differ from the silo's <c>RecoveryCluster:CircuitBreaker</c> options; a null
/// field keeps the silo's value.
/// </summary>
/// <param name="Mode"><c>consecutiveFailures</c> or <c>failureRatio</c>.</param>
[GenerateSerializer, Immutable, Alias("rc.breaker-settings")]
public sealed record BreakerSettings(
    [property: Id(0)] string? Mode = null,
    [property: Id(1)] int? FailureThreshold = null,
    [property: Id(2)] double? FailureRatio = null,
    [property: Id(3)] int? MinimumThroughput = null,
    [property: Id(4)] TimeSpan? SamplingDuration = null,
    [property: Id(5)] TimeSpan? RecoveryTimeout = null,
    [property: Id(6)] int? HalfOpenMaxProbes = null,
    [property: Id(7)] int? SuccessesToClose = null,
    [property: Id(8)] int? MinDistinctReporters = null)
{
    public const string ConsecutiveFailures = "consecutiveFailures";
    public const string FailureRatioMode = "failureRatio";

    /// <summary>No overrides: the silo's options hold.</summary>
    public static BreakerSettings Inherited { get; } = new();

    /// <summary>Checks every field; the exception names the first one out of range (prefixed with <paramref name="prefix"/>).</summary>
    public BreakerSettings Validate(string prefix = "")
    {
        if (Mode is not null && !string.Equals(Mode, ConsecutiveFailures, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(Mode, FailureRatioMode, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{prefix}mode' must be '{ConsecutiveFailures}' or '{FailureRatioMode}'.", prefix + "mode");
        }

        Whole(FailureThreshold, 1, 100_000, prefix + "failureThreshold");
        if (FailureRatio is { } ratio)
        {
            Guard.Range(ratio, 0.01, 1, prefix + "failureRatio");
        }

        Whole(MinimumThroughput, 1, 1_000_000, prefix + "minimumThroughput");
        Period(SamplingDuration, prefix + "samplingDuration");
        Period(RecoveryTimeout, prefix + "recoveryTimeout");
        Whole(HalfOpenMaxProbes, 1, 1000, prefix + "halfOpenMaxProbes");
        Whole(SuccessesToClose, 1, 1000, prefix + "successesToClose");
        Whole(MinDistinctReporters, 1, 1000, prefix + "minDistinctReporters");
        return this;
    }

    private static void Whole(int? value, int min, int max, string field)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new ArgumentOutOfRangeException(field, v, $"'{field}' must be between {min} and {max}.");
        }
    }

    private static void Period(TimeSpan? value, string field)
    {
        if (value is { } v && (v <= TimeSpan.Zero || v > TimeSpan.FromDays(1)))
        {
            throw new ArgumentOutOfRangeException(field, v, $"'{field}' must be positive and at most one day.");
        }
    }
}
