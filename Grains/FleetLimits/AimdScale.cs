using System.Globalization;
using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Grains.FleetLimits;

/// <summary>
/// The adaptive limit: additive increase, multiplicative decrease of a scale applied to the configured limits, judged
/// once per interval from the calls the workers report with their renewals.
/// </summary>
public sealed class AimdScale
{
    /// <summary>Fewer calls than this in an interval say nothing about the component's health.</summary>
    public const int MinCalls = 10;

    private long _calls;
    private long _failures;
    private TimeSpan _latency;
    private DateTimeOffset? _intervalStart;

    public double Scale { get; private set; } = 1;

    public string? LastAdjustment { get; private set; }

    public void Observe(long calls, long failures, TimeSpan totalLatency)
    {
        _calls += calls;
        _failures += failures;
        _latency += totalLatency;
    }

    /// <summary>Back to the configured limits (the policy changed or adaptation is off).</summary>
    public void Reset()
    {
        Scale = 1;
        LastAdjustment = null;
        _calls = 0;
        _failures = 0;
        _latency = TimeSpan.Zero;
        _intervalStart = null;
    }

    /// <summary>Moves the scale when <paramref name="interval"/> has passed since the last judgement; true when it moved.</summary>
    public bool Adjust(FleetLimitPolicy policy, TimeSpan interval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _intervalStart ??= now;
        if (policy.Adaptive != FleetLimitAdaptiveMode.Aimd || now - _intervalStart < interval)
        {
            return false;
        }

        var before = Scale;
        if (_calls >= MinCalls)
        {
            var failureRate = (double)_failures / _calls;
            var mean = _latency / _calls;
            if (failureRate > policy.FailureRateTarget || mean > policy.LatencyTarget)
            {
                Scale = Math.Max(policy.MinimumScale, Scale * policy.DecreaseFactor);
                LastAdjustment = string.Create(CultureInfo.InvariantCulture,
                    $"decreased to {Scale:0.###} at {now:O}: failure rate {failureRate:0.###} (target {policy.FailureRateTarget}), mean latency {mean.TotalMilliseconds:0.#} ms (target {policy.LatencyTarget.TotalMilliseconds:0.#} ms)");
            }
            else if (Scale < 1)
            {
                Scale = Math.Min(1, Scale + policy.IncreaseStep);
                LastAdjustment = string.Create(CultureInfo.InvariantCulture, $"increased to {Scale:0.###} at {now:O}: failure rate {failureRate:0.###}, mean latency {mean.TotalMilliseconds:0.#} ms");
            }
        }

        _calls = 0;
        _failures = 0;
        _latency = TimeSpan.Zero;
        _intervalStart = now;
        return Scale != before;
    }

    /// <summary>The concurrency limit in force: the configured one scaled, at least one call.</summary>
    public int? Concurrency(FleetLimitPolicy policy) =>
        policy.MaxConcurrency is { } max ? Math.Max(1, (int)Math.Floor(max * Scale + 1e-9)) : null;

    public double? Rate(FleetLimitPolicy policy) => policy.RatePerSecond * Scale;
}
